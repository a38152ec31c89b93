import sys, collections, re
# self and inclusive shares from async-profiler's collapsed stacks (with threads): python3 agg.py FILE [N] [FILTER]
f=sys.argv[1]; N=int(sys.argv[2]) if len(sys.argv)>2 else 40; flt=sys.argv[3] if len(sys.argv)>3 else None
selfc=collections.Counter(); incl=collections.Counter(); thr=collections.Counter(); tot=0
for line in open(f):
    stack,_,n=line.rstrip().rpartition(' '); n=int(n)
    fr=stack.split(';')
    if flt and not any(flt in x for x in fr): continue
    tot+=n
    t=re.sub(r' tid=\d+','',fr[0]); t=re.sub(r'-\d+\]',']',t); thr[t]+=n
    selfc[fr[-1]]+=n
    for x in set(fr[1:]): incl[x]+=n
print('total samples',tot)
print('--threads'); [print(f'{c/tot*100:5.1f}% {k}') for k,c in thr.most_common(12)]
print('--self'); [print(f'{c/tot*100:5.1f}% {k}') for k,c in selfc.most_common(N)]
print('--incl'); [print(f'{c/tot*100:5.1f}% {k}') for k,c in incl.most_common(N)]
