// The national school register: import, classification and lookup.
export * from "./classify";
export * from "./establishment-types";
export * from "./import";
export { LinksFileError } from "./links";
export * from "./names";
export * from "./register";
