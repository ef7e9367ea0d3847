/** The start line shared by the child processes: announce readiness, then wait for "go" on stdin. */
export async function readyThenGo(): Promise<void> {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      if (chunk.includes('go')) resolve();
    });
    process.stdin.on('end', () => resolve());
  });
}
