// Rule 3 of ARCHITECTURE.md as a lint rule: a domain under src/main/core/<domain>/ is reached
// from outside only through its index.ts. Plain JS because eslint.config.js loads it directly.
import path from 'node:path';

/** `index`, `index.ts`, `index.js`: the one file of a domain that others may import. */
const INDEX_FILE = /^index(\.[cm]?[jt]sx?)?$/;
/** `foo.ts` → `foo`, so `./compose-ai` and `./compose-ai.ts` name the same file. */
const stripExtension = (name) => name.replace(/\.[cm]?[jt]sx?$/, '');

/** @type {import('eslint').Rule.RuleModule} */
export const domainBoundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Import another core domain only through its index.ts; domains never import the composition root.' },
    schema: [
      {
        type: 'object',
        properties: {
          coreDir: { type: 'string', description: 'Absolute path of src/main/core.' },
          openLayers: { type: 'array', items: { type: 'string' }, description: 'Folders of coreDir that are not domains.' },
          compositionRoot: { type: 'array', items: { type: 'string' }, description: 'Files of coreDir that wire the domains.' },
        },
        required: ['coreDir'],
        additionalProperties: false,
      },
    ],
    messages: {
      deepImport:
        "'{{source}}' reaches past the public surface of the {{domain}} domain: import it from its index.ts and export what you need there (named exports).",
      compositionRoot: "'{{source}}' is the core's composition root: it imports the domains, a domain never imports it back.",
    },
  },

  create(context) {
    const [{ coreDir, openLayers = [], compositionRoot = [] }] = context.options;
    const rootFiles = new Set(compositionRoot.map(stripExtension));

    /** The path below coreDir as segments, or null when `file` is outside the core. */
    const coreSegments = (file) => {
      const relative = path.relative(coreDir, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
      return relative === '' ? [] : relative.split(path.sep);
    };
    /** The domain a file belongs to: the first folder below coreDir, unless it is an open layer. */
    const domainOf = (segments) => {
      if (segments === null || segments.length < 2) return null;
      const [name] = segments;
      return name === undefined || openLayers.includes(name) ? null : name;
    };

    const importer = coreSegments(context.physicalFilename);
    const importerDomain = domainOf(importer);

    function check(sourceNode) {
      if (sourceNode?.type !== 'Literal' || typeof sourceNode.value !== 'string') return;
      const source = sourceNode.value;
      // Only relative specifiers can reach a file of the core (there are no path aliases).
      if (!source.startsWith('.')) return;
      const target = coreSegments(path.resolve(path.dirname(context.physicalFilename), source));
      if (target === null) return;

      const isRootFile = target.length === 0 || (target.length === 1 && rootFiles.has(stripExtension(target[0] ?? '')));
      if (importerDomain !== null && isRootFile) {
        context.report({ node: sourceNode, messageId: 'compositionRoot', data: { source } });
        return;
      }
      const targetDomain = domainOf(target);
      if (targetDomain === null || targetDomain === importerDomain) return;
      if (target.length === 2 && INDEX_FILE.test(target[1] ?? '')) return;
      context.report({ node: sourceNode, messageId: 'deepImport', data: { source, domain: targetDomain } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // `import('../llm/llm.service').LlmService` in a type position.
      TSImportType: (node) => check(node.source),
    };
  },
};
