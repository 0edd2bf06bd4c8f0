// Node-side reading of GIAS files for the local runner.
export { detectEncoding, type FileEncoding } from "./encoding";
export {
  GiasFileError,
  loadGiasRegister,
  readGiasLinksFile,
  readGiasSchoolsFile,
  type GiasRegister,
  type SchoolsFile,
} from "./read";
export { applySuccessors } from "../../src/domain/schools/import";
