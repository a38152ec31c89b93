import json,sys,collections
d=json.load(open('samples.json'))
ev=d['recording']['events']
lo,hi=sys.argv[1],sys.argv[2]
top=collections.Counter(); incl=collections.Counter(); thr=collections.Counter(); n=0
for e in ev:
    v=e['values']; t=v['startTime'][11:19]
    if not (lo<=t<hi): continue
    n+=1
    thr[v['sampledThread']['javaName']]+=1
    fr=v['stackTrace']['frames']
    names=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name'] for f in fr]
    top[names[0]]+=1
    for x in set(names): incl[x]+=1
print('samples',n)
print('--threads');[print(f'{c*100/n:5.1f}% {k}') for k,c in thr.most_common(12)]
print('--self');[print(f'{c*100/n:5.1f}% {k}') for k,c in top.most_common(35)]
print('--incl');[print(f'{c*100/n:5.1f}% {k}') for k,c in incl.most_common(45)]
