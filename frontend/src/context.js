// Hooks the node views call into the mounted editor's UI (one editor per page).
export const ctx = {
  openPhotoPicker: () => {},
  editLink: () => {},
};
