/**
 * The New class dialog's lazy chunk: the dialog, its links view and the QR code library (`qrcode`, ~10 KB gzip), none
 * of which a class watching the cluster ever needs; fetched when a teacher first presses "New class".
 */
export { NewClassDialog } from '../components/NewClass/NewClassDialog.tsx';
