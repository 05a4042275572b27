/** Vite imports the stylesheet for its side effect (it becomes an external .css file). */
declare module '*.css';
