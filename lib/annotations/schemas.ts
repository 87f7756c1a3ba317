import { z } from "zod";

/** The workspace's Import annotations: the parsed file, and whether to write (false shows the report only). */
export const ZImportAnnotations = z.object({ document: z.unknown(), confirm: z.boolean() });
export type TImportAnnotations = z.output<typeof ZImportAnnotations>;
