// Bundle size of each function against its bare twin (DESIGN.md, "Lean functions": within 1.25x),
// bundled with the deployed esbuild options, and which packages make up the difference.
import { bundleHandler, bytesByPackage, FUNCTION_NAMES, type BuiltBundle, type FunctionName } from './bundling.ts';
import { kilobytes, printTable, ratio } from './table.ts';

const TOP_PACKAGES = 5;

export const runBundleSize = async (): Promise<void> => {
  const built = new Map<FunctionName, { fn: BuiltBundle; bare: BuiltBundle | undefined }>();
  for (const name of FUNCTION_NAMES) {
    const fn = await bundleHandler(name, 'function');
    const bare = name === 'route-not-found' ? undefined : await bundleHandler(name, 'bare');
    built.set(name, { fn, bare });
  }

  printTable(
    'Bundle size (esbuild, minified ESM, AWS SDK bundled; budget: function/bare <= 1.25x)',
    ['function', 'function KB', 'bare KB', 'function/bare', 'extra KB', 'with assets fn/bare'],
    [...built].map(([name, { fn, bare }]) => [
      name,
      kilobytes(fn.bytes),
      bare ? kilobytes(bare.bytes) : '-',
      bare ? ratio(fn.bytes / bare.bytes) : '- (no bare twin)',
      bare ? kilobytes(fn.bytes - bare.bytes) : '-',
      // The deployment package: the console ships its browser files beside either bundle.
      bare && fn.assetBytes > 0 ? `${ratio((fn.bytes + fn.assetBytes) / (bare.bytes + bare.assetBytes))} (+${kilobytes(fn.assetBytes)} KB)` : '-',
    ]),
  );

  for (const [name, { fn, bare }] of built) {
    const inFunction = bytesByPackage(fn.metafile);
    const inBare = bare ? bytesByPackage(bare.metafile) : new Map<string, number>();
    const top = [...inFunction]
      .map(([pkg, bytes]) => ({ pkg, bytes, added: bytes - (inBare.get(pkg) ?? 0) }))
      .sort((a, b) => b.added - a.added)
      .slice(0, TOP_PACKAGES);
    printTable(
      `${name}: top ${TOP_PACKAGES} packages by bytes added over the bare twin (esbuild metafile)`,
      ['package', 'function KB', 'bare KB', 'added KB'],
      top.map(({ pkg, bytes, added }) => [pkg, kilobytes(bytes), kilobytes(inBare.get(pkg) ?? 0), kilobytes(added)]),
    );
  }
};

if (import.meta.url === `file://${process.argv[1]}`) await runBundleSize();
