import sys,re
# phase CPU: average cores busy between the progress lines' "started" and "done" (from $L.err) using $L.cpu
L=sys.argv[1]
cpu=[(l.split()[0],int(l.split()[1])) for l in open(L+'.cpu')]
def secs(t): h,m,s=map(int,t.split(':')); return h*3600+m*60+s
ev=[]
for l in open(L+'.err'):
    m=re.match(r'(\d\d:\d\d:\d\d) (.*?): (started|done)',l)
    if m: ev.append((secs(m.group(1)),m.group(2),m.group(3)))
start=None
for t,name,kind in ev:
    if kind=='started': start=t
    else:
        s=[c for tt,c in cpu if start< secs(tt)<=t]
        print(f"{name[:45]:45s} {t-start:4d}s  cores {sum(s)/100/max(1,len(s)):.2f}  core-s {sum(s)/100:.0f}")
tot=[c for tt,c in cpu]
print("whole", len(tot), "s", sum(tot)/100, "core-s")
