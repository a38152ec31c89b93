import json,sys,collections
d=json.load(open('samples.json'))
ev=d['recording']['events']
lo,hi,target=sys.argv[1],sys.argv[2],sys.argv[3]
par=collections.Counter(); lines=collections.Counter(); n=0
for e in ev:
    v=e['values']; t=v['startTime'][11:19]
    if not (lo<=t<hi): continue
    fr=v['stackTrace']['frames']
    names=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name'] for f in fr]
    if names[0]!=target: continue
    n+=1
    lines[fr[0]['lineNumber']]+=1
    par[' < '.join(names[1:4])]+=1
print(target,n)
[print(f'{c*100/n:5.1f}% line {k}') for k,c in lines.most_common(12)]
[print(f'{c*100/n:5.1f}% {k}') for k,c in par.most_common(12)]
