# ruff: noqa: E501 - the pages' text, one paragraph a line, as editors will see it
"""The pages every Indonesian online outlet publishes, created by `warta migrate`: the Pedoman
Pemberitaan Media Siber (its point 8: the code is shown on the site), the Kode Etik Jurnalistik,
the masthead, the contact page and the terms for comments (Pedoman 3a-3d). A page that already
exists under the same address is left as the newsroom wrote it."""

from django.db import migrations

PEDOMAN = """<p>Kemerdekaan berpendapat, berekspresi, dan pers adalah hak asasi manusia yang dilindungi Pancasila, UUD 1945, dan Deklarasi Universal HAM PBB. Redaksi menjalankan Pedoman Pemberitaan Media Siber yang ditetapkan Dewan Pers bersama komunitas pers pada 3 Februari 2012.</p>
<h2 id="pasal-1">1. Ruang lingkup</h2><p>Media siber adalah segala bentuk media yang menggunakan wahana internet dan melaksanakan kegiatan jurnalistik. Isi buatan pengguna adalah segala isi yang dibuat dan dipublikasikan pengguna media siber, antara lain artikel, gambar, komentar, suara, video, dan unggahan lain.</p>
<h2 id="pasal-2">2. Verifikasi dan keberimbangan berita</h2><p>Pada prinsipnya setiap berita harus melalui verifikasi. Berita yang dapat merugikan pihak lain memerlukan verifikasi pada berita yang sama. Bila verifikasi belum dapat dilakukan karena kepentingan publik yang mendesak, berita memuat penjelasan bahwa berita itu masih memerlukan verifikasi lebih lanjut, dan verifikasi yang kemudian didapat dimuat dengan tautan pada berita yang belum terverifikasi.</p>
<h2 id="pasal-3">3. Isi buatan pengguna</h2><p>Pengguna wajib menyetujui syarat dan ketentuan. Isi buatan pengguna tidak boleh memuat kebohongan, fitnah, sadis, dan cabul; prasangka dan kebencian terkait suku, agama, ras, dan antargolongan (SARA) serta anjuran kekerasan; atau diskriminasi atas dasar jenis kelamin dan bahasa, serta merendahkan martabat orang lemah, miskin, sakit, cacat jiwa, atau cacat jasmani. Redaksi berwenang menyunting atau menghapus isi yang melanggar, dan menyediakan cara mengadukannya. Pengaduan ditindaklanjuti paling lambat 2 x 24 jam setelah diterima.</p>
<h2 id="pasal-4">4. Ralat, koreksi, dan hak jawab</h2><p>Ralat, koreksi, dan hak jawab mengacu pada Undang-Undang Pers, Kode Etik Jurnalistik, dan Pedoman Hak Jawab. Ralat, koreksi, dan/atau hak jawab wajib ditautkan pada berita yang diralat, dikoreksi, atau diberi hak jawab, dan mencantumkan waktu pemuatannya.</p>
<h2 id="pasal-5">5. Pencabutan berita</h2><p>Berita yang sudah dipublikasikan tidak dapat dicabut karena alasan penyensoran dari pihak luar redaksi, kecuali terkait masalah SARA, kesusilaan, masa depan anak, pengalaman traumatik korban, atau pertimbangan khusus lain yang ditetapkan Dewan Pers. Pencabutan wajib disertai alasan dan diumumkan kepada publik.</p>
<h2 id="pasal-6">6. Iklan</h2><p>Media siber wajib membedakan dengan tegas antara produk berita dan iklan. Setiap berita, artikel, atau isi yang merupakan iklan dan/atau isi berbayar wajib mencantumkan keterangan "advertorial", "iklan", "ads", "sponsored", atau kata lain yang menjelaskan bahwa berita itu adalah iklan.</p>
<h2 id="pasal-7">7. Hak cipta</h2><p>Media siber wajib menghormati hak cipta sebagaimana diatur dalam peraturan perundang-undangan yang berlaku.</p>
<h2 id="pasal-8">8. Pencantuman pedoman</h2><p>Media siber wajib mencantumkan Pedoman Pemberitaan Media Siber ini di medianya secara terang dan jelas.</p>
<h2 id="pasal-9">9. Sengketa</h2><p>Penilaian akhir atas sengketa mengenai pelaksanaan Pedoman Pemberitaan Media Siber ini diselesaikan oleh Dewan Pers.</p>"""

KODE_ETIK = """<p>Wartawan Indonesia menaati Kode Etik Jurnalistik yang ditetapkan Dewan Pers (Peraturan Dewan Pers No. 6/Peraturan-DP/V/2008):</p>
<ol>
<li>Wartawan Indonesia bersikap independen, menghasilkan berita yang akurat, berimbang, dan tidak beriktikad buruk.</li>
<li>Wartawan Indonesia menempuh cara-cara yang profesional dalam melaksanakan tugas jurnalistik.</li>
<li>Wartawan Indonesia selalu menguji informasi, memberitakan secara berimbang, tidak mencampurkan fakta dan opini yang menghakimi, serta menerapkan asas praduga tak bersalah.</li>
<li>Wartawan Indonesia tidak membuat berita bohong, fitnah, sadis, dan cabul.</li>
<li>Wartawan Indonesia tidak menyebutkan dan menyiarkan identitas korban kejahatan susila dan tidak menyebutkan identitas anak yang menjadi pelaku kejahatan.</li>
<li>Wartawan Indonesia tidak menyalahgunakan profesi dan tidak menerima suap.</li>
<li>Wartawan Indonesia memiliki hak tolak untuk melindungi narasumber yang tidak bersedia diketahui identitas maupun keberadaannya, menghargai ketentuan embargo, informasi latar belakang, dan "off the record" sesuai dengan kesepakatan.</li>
<li>Wartawan Indonesia tidak menulis atau menyiarkan berita berdasarkan prasangka atau diskriminasi terhadap seseorang atas dasar perbedaan suku, ras, warna kulit, agama, jenis kelamin, dan bahasa, serta tidak merendahkan martabat orang lemah, miskin, sakit, cacat jiwa, atau cacat jasmani.</li>
<li>Wartawan Indonesia menghormati hak narasumber tentang kehidupan pribadinya, kecuali untuk kepentingan publik.</li>
<li>Wartawan Indonesia segera mencabut, meralat, dan memperbaiki berita yang keliru dan tidak akurat disertai dengan permintaan maaf kepada pembaca, pendengar, dan/atau pemirsa.</li>
<li>Wartawan Indonesia melayani hak jawab dan hak koreksi secara proporsional.</li>
</ol>"""

KETENTUAN = """<p>Dengan mengirim komentar atau isi lain, pengguna menyetujui ketentuan ini (Pedoman Pemberitaan Media Siber butir 3).</p>
<ul>
<li>Isi tidak memuat kebohongan, fitnah, sadisme, atau kecabulan.</li>
<li>Isi tidak memuat prasangka dan kebencian terkait suku, agama, ras, dan antargolongan (SARA), dan tidak menganjurkan kekerasan.</li>
<li>Isi tidak mendiskriminasi atas dasar jenis kelamin dan bahasa, dan tidak merendahkan martabat orang lemah, miskin, sakit, atau penyandang disabilitas.</li>
<li>Pengguna bertanggung jawab atas isi yang dikirimnya. Alamat email tidak pernah ditampilkan.</li>
</ul>
<p>Redaksi berwenang menyunting atau menghapus isi yang melanggar ketentuan ini; setiap tindakan itu dicatat. Pembaca dapat mengadukan isi yang melanggar lewat tautan <em>Laporkan</em> pada setiap artikel dan komentar; redaksi menindaklanjutinya paling lambat 2 x 24 jam setelah pengaduan diterima.</p>"""

PAGES = [
    ("pedoman-media-siber", "Pedoman Media Siber", PEDOMAN, 2),
    ("kode-etik-jurnalistik", "Kode Etik Jurnalistik", KODE_ETIK, 3),
    (
        "susunan-redaksi",
        "Redaksi",
        "<p>Susunan redaksi: pemimpin redaksi, penanggung jawab, redaktur, dan reporter. "
        "(Ubah halaman ini di /redaksi/pages/page/.)</p>",
        0,
    ),
    (
        "kontak",
        "Kontak",
        "<p>Kirim informasi, ralat, atau hak jawab kepada redaksi. Sertakan judul dan tautan berita yang "
        "dimaksud. (Ubah halaman ini di /redaksi/pages/page/.)</p>",
        1,
    ),
    ("ketentuan-komentar", "Ketentuan Komentar", KETENTUAN, 4),
]


def create(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, title, body, position in PAGES:
        Page.objects.get_or_create(
            slug=slug, defaults={"title": title, "body": body, "position": position, "in_footer": True}
        )


def remove(apps, schema_editor):
    pass  # the pages may have been edited since: leave them


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
