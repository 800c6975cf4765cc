import { createParamDecorator, type ExecutionContext } from "@nestjs/common";
import type { PageSenseHttpRequest } from "../options";

/** The adapter's request and response of a route handler call (handed to the PageSense pipes). */
export interface HandlerHttp {
  request: PageSenseHttpRequest;
  response: unknown;
}

/**
 * A parameter decorator whose value is the call's {@link HandlerHttp}; the pipe given with it
 * (which has dependency injection, unlike the decorator) turns that into the parameter's value.
 */
export const HandlerHttpParam = createParamDecorator(
  (_data: unknown, context: ExecutionContext): HandlerHttp => {
    const http = context.switchToHttp();
    return { request: http.getRequest(), response: http.getResponse() };
  },
);
