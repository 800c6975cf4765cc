// Express 4, installed under an alias to test the middleware on both supported majors; its API
// surface used here matches @types/express.
declare module "express4" {
  import express from "express";
  export default express;
}
