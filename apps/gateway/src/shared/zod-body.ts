import { applyDecorators, type PipeTransform } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError } from './api-error';

/** One line naming each problem of a refused body: `quantity: Too big: expected ...`. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

/** Validates a request body (or query) with a zod schema: a bad one is a 400 naming the problem. */
export class ZodPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(private readonly schema: T) {}

  transform(value: unknown): z.infer<T> {
    const parsed = this.schema.safeParse(value ?? {});
    if (!parsed.success) throw new ApiError(400, 'INVALID_REQUEST', describeZodIssues(parsed.error));
    return parsed.data;
  }
}

/** Documents a zod-validated body in the OpenAPI description (zod's own JSON Schema). */
export function ApiZodBody(schema: z.ZodType, description?: string): MethodDecorator {
  const jsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  return applyDecorators(ApiBody({ schema: jsonSchema, description }));
}
