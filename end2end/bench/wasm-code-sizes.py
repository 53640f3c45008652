#!/usr/bin/env python3
"""What a WebAssembly bundle's code is made of, by crate (and, with a second argument, the
largest functions whose name contains it). Reads the function names that cargo leaves in
the bundle before wasm-bindgen and wasm-opt, e.g.

    make site
    python3 end2end/bench/wasm-code-sizes.py target/wasm32-unknown-unknown/wasm-release/bundle_phone.wasm
    python3 end2end/bench/wasm-code-sizes.py target/wasm32-unknown-unknown/wasm-release/bundle_phone.wasm app::

Sizes are of the code section before `wasm-opt -Oz`, so they rank, they do not add up to
the served file. No dependencies beyond Python 3.
"""
import sys, re, collections
data=open(sys.argv[1],'rb').read()
pos=8
def leb(p):
    r=0;s=0
    while True:
        b=data[p];p+=1;r|=(b&0x7f)<<s;s+=7
        if b<0x80: return r,p
sections=[]
while pos<len(data):
    sid=data[pos];pos+=1
    size,pos=leb(pos)
    sections.append((sid,pos,size));pos+=size
imports_funcs=0
names={}
code=None
for sid,p,size in sections:
    if sid==2:
        n,q=leb(p)
        for _ in range(n):
            l,q=leb(q);q+=l
            l,q=leb(q);q+=l
            kind=data[q];q+=1
            if kind==0: _,q=leb(q);imports_funcs+=1
            elif kind==1: q+=1;fl,q=leb(q);_,q=leb(q);
            elif kind==2:
                fl,q=leb(q);_,q=leb(q)
                if fl&1:_,q=leb(q)
            elif kind==3: q+=2
    if sid==10: code=(p,size)
    if sid==0:
        l,q=leb(p);nm=data[q:q+l].decode();q+=l
        if nm=='name':
            end=p+size
            while q<end:
                sub=data[q];q+=1
                ss,q=leb(q);se=q+ss
                if sub==1:
                    n,r=leb(q)
                    for _ in range(n):
                        idx,r=leb(r);l,r=leb(r);names[idx]=data[r:r+l].decode('utf8','replace');r+=l
                q=se
    else: pass
sizes=[]
p,size=code
n,q=leb(p)
for i in range(n):
    l,q2=leb(q); sizes.append((imports_funcs+i,q2-q+l)); q=q2+l
def demangle(s):
    # legacy _ZN...E
    m=re.match(r'_ZN(.*)E$',s)
    if not m: return s
    body=m.group(1);parts=[];i=0
    while i<len(body) and body[i].isdigit():
        j=i
        while body[j].isdigit(): j+=1
        ln=int(body[i:j]);parts.append(body[j:j+ln]);i=j+ln
    return '::'.join(parts)
agg=collections.Counter()
for idx,sz in sizes:
    nm=demangle(names.get(idx,'?'))
    nm=re.sub(r'\$LT\$','<',nm); nm=re.sub(r'\$GT\$','>',nm);nm=nm.replace('$u20$',' ').replace('..','::')
    # crate = first path component, or inside <impl ... for X>
    key=nm.lstrip('<_').split('::')[0].split(' ')[0]
    agg[key]+=sz
total=sum(s for _,s in sizes)
print('code total',total)
for k,v in agg.most_common(40): print(f'{v:9d} {100*v/total:5.1f}% {k}')
if len(sys.argv)>2:
    pat=sys.argv[2]
    items=sorted(((sz,demangle(names.get(i,'?'))) for i,sz in sizes if pat in demangle(names.get(i,'?'))),reverse=True)[:40]
    for sz,nm in items: print(sz,nm[:160])
