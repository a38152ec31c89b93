#!/usr/bin/env python3
# Samples the per-thread CPU of the java process under a launcher every second: time, then thread=cpu% pairs.
import os, sys, time, glob
out = open(sys.argv[1], 'w')
hz = os.sysconf('SC_CLK_TCK')
def java_pid():
    for p in glob.glob('/proc/[0-9]*/cmdline'):
        try:
            c = open(p, 'rb').read()
        except OSError:
            continue
        if c.startswith(b'java') or b'/java\0' in c:
            if b'lm-cli.jar' in c:
                return p.split('/')[2]
    return None
pid = None
while pid is None:
    pid = java_pid(); time.sleep(0.2)
prev = {}
t0 = time.time()
while os.path.exists('/proc/' + pid):
    cur = {}
    for t in glob.glob('/proc/%s/task/*' % pid):
        try:
            name = open(t + '/comm').read().strip()
            f = open(t + '/stat').read().rsplit(')', 1)[1].split()
            cur[t] = (name, int(f[11]) + int(f[12]))
        except OSError:
            pass
    agg = {}
    for t, (name, ticks) in cur.items():
        d = ticks - prev.get(t, (name, ticks if t in prev else 0))[1] if t in prev else ticks
        key = name if not name.startswith('GC') else 'GC'
        agg[key] = agg.get(key, 0) + d
    prev = cur
    try:
        rss = [l for l in open('/proc/%s/status' % pid) if l.startswith(('RssAnon', 'RssFile'))]
    except OSError:
        break
    out.write('%s %.0f %s %s\n' % (time.strftime('%H:%M:%S', time.gmtime()), time.time() - t0,
              ' '.join('%s=%d' % (k.replace(' ', '_'), v * 100 // hz) for k, v in sorted(agg.items()) if v > 0),
              ' '.join(l.split()[0] + l.split()[1] for l in rss)))
    out.flush()
    time.sleep(1)
