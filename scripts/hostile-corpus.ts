/**
 * Writes the seeded hostile corpus (tests/fixtures/hostile/corpus.ts) into a folder:
 *   npx tsx scripts/hostile-corpus.ts <folder> [seed]
 * Each file plus corpus.json (importer, what it attacks, the expected outcome and code).
 */
import { writeHostileCorpus } from '../tests/fixtures/hostile/write';

const [dir, seed] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('Bruk: npx tsx scripts/hostile-corpus.ts <mappe> [frø]\n');
  process.exit(2);
}
writeHostileCorpus(dir, seed ? Number(seed) : 15).then(
  (entries) => process.stdout.write(`${entries.length} filer skrevet til ${dir}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
