/** Prints rows as an aligned plain-text table: first column left-aligned, the others right-aligned. */
export const printTable = (title: string, header: readonly string[], rows: readonly (readonly string[])[]): void => {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
};

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const kilobytes = (bytes: number): string => (bytes / 1024).toFixed(1);
export const ratio = (value: number): string => `${value.toFixed(2)}x`;
