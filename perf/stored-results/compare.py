"""Compares two backups (benchmark backup) of the same demo rounds computed by two builds; exits 1 on a difference."""
import base64, gzip, json, re, sys

RUN = re.compile(r'^\d{19}_')


def rows(path):
    out = {}
    for line in open(path, encoding='utf-8'):
        entity = json.loads(line)
        properties = entity['Properties']
        key = (entity['PartitionKey'], RUN.sub('RUN_', entity['RowKey']))
        if 'DataChunks' in properties:
            raw = b''.join(base64.b64decode(properties['Data%d' % i]['Value']) for i in range(int(properties['DataChunks']['Value'])))
            text = gzip.decompress(raw).decode('utf-8')
            for field in ('runId', 'computedAt'):
                text = re.sub(r'"%s":"[^"]*"' % field, '"%s":"-"' % field, text)
            out[key] = (text, raw if key[1] != 'current' else b'')
        else:
            # Times of the demo load (a note's curation) differ between the two loads; nothing the computation wrote.
            out[key] = (json.dumps({k: v for k, v in properties.items() if k != 'CuratedAt'}, sort_keys=True), b'')
    return out


old_dir, new_dir = sys.argv[1], sys.argv[2]
failed = False
for table in ('Benchmarks', 'Flags', 'PracticeNotes'):
    old, new = rows(f'{old_dir}/{table}.jsonl'), rows(f'{new_dir}/{table}.jsonl')
    content = [k for k in old.keys() | new.keys() if old.get(k, ('', b''))[0] != new.get(k, ('', b''))[0]]
    compressed = [k for k in old.keys() & new.keys() if old[k][1] != new[k][1]]
    print(f'{table}: {len(old)} rows before, {len(new)} after; different content: {len(content)}; different compressed bytes: {len(compressed)}', sorted(content)[:3], sorted(compressed)[:3])
    failed |= bool(content) or bool(compressed) or len(old) == 0
sys.exit(1 if failed else 0)
