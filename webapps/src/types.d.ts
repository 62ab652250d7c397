/** esbuild loads `.css` files as text (webapps/build.ts); components put them in shadow roots. */
declare module '*.css' {
  const text: string;
  export default text;
}
