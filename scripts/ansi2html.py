# Renders captured terminal output (colour codes, "\r" redraws) as an HTML page in a terminal's look,
# for the screenshots in docs/images/ (docs/terminal.md says how they were made).
#   python3 scripts/ansi2html.py CAPTURE.txt OUT.html COLUMNS "caption"
# Renders captured terminal output (SGR colours, \r redraws) as an HTML page in a terminal's look.
data=open(sys.argv[1],encoding='utf-8').read()
cols=int(sys.argv[3])
title=sys.argv[4] if len(sys.argv)>4 else ""
lines=[]
for raw in data.split('\n'):
    raw=raw.rstrip('\r')
    # keep what a terminal keeps after \r redraws: the last segment
    segs=raw.split('\r')
    raw=segs[-1] if segs[-1].replace('\x1b[2K','')!='' or len(segs)==1 else next((s for s in reversed(segs) if s.replace('\x1b[2K','')), '')
    lines.append(raw.replace('\x1b[2K',''))
colors={'31':'#e05252','32':'#4ec94e','33':'#e0c050'}
out=[]
for l in lines:
    cur=[]; res=''
    pos=0
    for m in re.finditer(r'\x1b\[([0-9;]*)m',l):
        res+=html.escape(l[pos:m.start()]); pos=m.end()
        code=m.group(1)
        if code in colors: res+=f'<span style="color:{colors[code]}">'; cur.append('c')
        elif code=='1': res+='<b>'; cur.append('b')
        elif code in ('39','22') and cur:
            t=cur.pop(); res+='</span>' if t=='c' else '</b>'
    res+=html.escape(l[pos:])
    while cur:
        t=cur.pop(); res+='</span>' if t=='c' else '</b>'
    out.append(res)
page=f'''<!doctype html><meta charset="utf-8"><style>
body{{margin:0;background:#1e1e1e}} .t{{background:#1e1e1e;color:#d4d4d4;font:14px/1.17 "DejaVu Sans Mono",monospace;padding:12px 14px;width:{cols}ch;white-space:pre}}
.bar{{background:#333;color:#aaa;font:12px "DejaVu Sans",sans-serif;padding:4px 14px;width:{cols}ch}}
</style><div class="bar">{html.escape(title)}</div><div class="t">{chr(10).join(out)}</div>'''
open(sys.argv[2],'w').write(page)
