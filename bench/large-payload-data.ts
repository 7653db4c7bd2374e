/** A JSON document of about `mb` megabytes: records shaped like a device inventory export. */
export function largePayload(mb: number) {
  const items = [];
  let size = 0;
  for (let i = 0; size < mb * 1_000_000; i++) {
    const item = {
      id: `dev_${String(i).padStart(8, '0')}`,
      name: `router-${i}.example.net`,
      site: { id: `site_${i % 977}`, region: ['eu-west', 'us-east', 'ap-south'][i % 3] },
      tags: ['edge', `rack-${i % 40}`, i % 2 ? 'primary' : 'backup'],
      metrics: { cpu: (i * 7) % 100, memory: (i * 13) % 100, uptime_s: i * 3600 },
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  return { source: 'inventory-export', items };
}
