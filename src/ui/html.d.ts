// HTML files under src/ui/html are bundled as strings (webpack asset/source).
declare module "*.html" {
  const content: string;
  export default content;
}
