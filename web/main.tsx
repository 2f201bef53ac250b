import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>Bootscope is starting…</p>);
