import json,sys,collections
d=json.load(open('samples.json'))
ev=d['recording']['events']
lo,hi=sys.argv[1],sys.argv[2]
for th in sys.argv[3].split(','):
  top=collections.Counter(); incl=collections.Counter(); n=0
  for e in ev:
    v=e['values']; t=v['startTime'][11:19]
    if not (lo<=t<hi) or v['sampledThread']['javaName']!=th: continue
    n+=1
    fr=v['stackTrace']['frames']
    names=[f['method']['type']['name'].split('/')[-1]+'.'+f['method']['name']+':'+str(f['lineNumber']) for f in fr]
    top[names[0]]+=1
    for x in set(n.split(':')[0] for n in names): incl[x]+=1
  print('=====',th,n)
  print('--top');[print(f'{c*100/n:5.1f}% {k}') for k,c in top.most_common(30)]
  print('--incl');[print(f'{c*100/n:5.1f}% {k}') for k,c in incl.most_common(30)]
