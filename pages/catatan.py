"""Catatan FGD: write a note on a figure from a phone, follow it to a fix, export the minutes.

URL: ``?ind=<indicator>&wilayah=<kota or kecamatan code>&tahun=<year>&sesi=<FGD id>``;
``&tampilan=ruang`` is the presenter's room view (newest notes, large type, live).
"""

import datetime as dt

import streamlit as st

from dalamangka import ui
from dalamangka.i18n import Text
from dalamangka.notes import NoteError, markers, minutes, minutes_pdf
from dalamangka.ui import notes as ui_notes

T = Text(
    {
        "title": ("Catatan FGD {name}", "FGD notes, {name}"),
        "intro": (
            "Tulis catatan tentang satu angka: indikator, wilayah (kota atau kecamatan) dan tahun. Catatan "
            "diteruskan ke produsen data (OPD) dan walidata, yang memverifikasi dan memperbaikinya. Tanpa "
            "akun; isi nama atau unit Anda.",
            "Write a note on one figure: indicator, region (city or kecamatan) and year. It goes to the "
            "data's producer (agency) and the walidata, who verify and fix it. No account needed; give "
            "your name or unit.",
        ),
        "fgd": ("Sesi FGD", "FGD meeting"),
        "no_fgd": ("(di luar sesi FGD)", "(outside an FGD meeting)"),
        "indicator": ("Indikator", "Indicator"),
        "region": ("Wilayah", "Region"),
        "year": ("Tahun", "Year"),
        "tab_list": ("Daftar catatan ({n})", "Notes ({n})"),
        "tab_desk": ("Tindak lanjut", "Follow-up"),
        "tab_fgd": ("Sesi & notulen", "Meetings & minutes"),
        "detail": ("Lihat catatan", "Show note"),
        "room": ("Tampilan ruangan (proyektor)", "Room view (projector)"),
        "qr": ("QR formulir ini untuk ponsel", "QR code of this form for phones"),
        "new_fgd": ("Sesi FGD baru (walidata)", "New FGD meeting (walidata)"),
        "date": ("Tanggal", "Date"),
        "place": ("Tempat", "Place"),
        "fgd_title": ("Judul", "Title"),
        "create": ("Buat sesi", "Create meeting"),
        "decision": ("Keputusan rapat", "Decision of the meeting"),
        "add_decision": ("Catat keputusan", "Record decision"),
        "walidata_only": ("Hanya walidata yang membuat sesi dan mencatat keputusan.",
                          "Only the walidata creates meetings and records decisions."),
    }
)  # fmt: skip

ctx = ui.context()
lang = ctx.lang
q = st.query_params
wilayah = q.get("wilayah", "")
kota = wilayah[:4] if wilayah[:4].isdigit() and len(wilayah) in (4, 7) else ctx.kode
regions = ui_notes.region_names(kota)
if not regions:  # an unknown code in the link: the sidebar's city
    kota, wilayah = ctx.kode, ""
    regions = ui_notes.region_names(kota)
cat = ui_notes.catalog(lang)
labels = cat["label"].to_dict()
store = ui_notes.store()
fgds = {f.session_id: f for f in store.sessions()}
sesi = int(q["sesi"]) if q.get("sesi", "").isdigit() and int(q["sesi"]) in fgds else None

if q.get("tampilan") == "ruang":
    st.title(fgds[sesi].title if sesi else ui_notes.TEXT("room_title", lang))
    ui_notes.room(kota, sesi, lang, labels)
    st.stop()

st.title(T("title", lang, name=regions.get(kota, ctx.nama)))
st.caption(T("intro", lang))


def to_url(param: str, key: str) -> None:
    value = st.session_state.get(key)
    if value in (None, ""):
        q.pop(param, None)
    else:
        q[param] = str(value)


def seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


options = [None, *fgds]
seed("catatan_sesi", sesi)
st.selectbox(
    T("fgd", lang), options, key="catatan_sesi", on_change=to_url, args=("sesi", "catatan_sesi"),
    format_func=lambda s: T("no_fgd", lang) if s is None else f"{fgds[s].held_on:%d-%m-%Y} · {fgds[s].title}",
    placeholder=T("no_fgd", lang),  # None reads as "no choice": Streamlit's English placeholder otherwise
)  # fmt: skip
sesi = st.session_state["catatan_sesi"]
codes = list(cat.index)
a, b, c = st.columns([3, 3, 1])
seed("catatan_ind", q.get("ind") if q.get("ind") in codes else codes[0])
indicator = a.selectbox(
    T("indicator", lang), codes, key="catatan_ind", on_change=to_url, args=("ind", "catatan_ind"),
    format_func=lambda k: labels.get(k, k),
)  # fmt: skip
seed("catatan_wilayah", wilayah if wilayah in regions else kota)
kode = b.selectbox(
    T("region", lang), list(regions), key="catatan_wilayah", format_func=lambda k: regions[k],
    on_change=to_url, args=("wilayah", "catatan_wilayah"),
)  # fmt: skip
latest = cat["tahun_akhir"].get(indicator)
default_year = int(q["tahun"]) if q.get("tahun", "").isdigit() else int(latest) if latest == latest else 2024
seed("catatan_tahun", min(max(default_year, 1960), dt.date.today().year + 1))
tahun = c.number_input(
    T("year", lang), 1960, dt.date.today().year + 1, key="catatan_tahun", step=1,
    on_change=to_url, args=("tahun", "catatan_tahun"),
)  # fmt: skip
ui_notes.note_form(str(indicator), str(kode), int(tahun), lang, key="catatan_baru", session_id=sesi)
with st.popover(T("qr", lang), icon=":material/qr_code_2:"):
    ui_notes.note_qr(str(indicator), str(kode), int(tahun), lang, sesi)

notes = store.notes(session_id=sesi) if sesi else ui_notes.city_notes(kota)
listed, desk, meetings = st.tabs([T("tab_list", lang, n=len(notes)), T("tab_desk", lang), T("tab_fgd", lang)])
with listed:
    st.page_link(
        "pages/catatan.py", label=T("room", lang), icon=":material/co_present:",
        query_params={"wilayah": kota, "tampilan": "ruang", **({"sesi": str(sesi)} if sesi else {})},
    )  # fmt: skip
    table = markers.table(
        notes, lang, today=dt.date.today(), indicator_names=labels, region_names=regions,
        decimals=cat["decimals"].to_dict(),
    )  # fmt: skip
    st.dataframe(table, hide_index=True, key="catatan_tabel")
    if notes:
        by_id = {n.note_id: n for n in notes}
        shown = st.selectbox(
            T("detail", lang), list(by_id), key="catatan_lihat", format_func=lambda i: f"#{i}"
        )
        with st.container(border=True, key="catatan_detail"):
            ui_notes.show_note(by_id[int(shown)], lang, regions, labels)
            st.dataframe(ui_notes.history(int(shown), lang), hide_index=True)
with desk:
    ui_notes.status_desk(notes, lang, regions, labels)
with meetings:
    who = ui_notes.session()
    if sesi:
        xlsx_col, pdf_col = st.columns(2)
        with xlsx_col:
            ui_notes.minutes_button(fgds[sesi], lang, labels, cat["decimals"].to_dict())
        fgd = fgds[sesi]

        def minutes_pdf_bytes() -> bytes:  # built on click, from the store as it is then
            return minutes_pdf.build(
                fgd, store.notes(session_id=sesi), store.changes(session_id=sesi), store.decisions(int(sesi)),
                lang, today=dt.date.today(), region_names=ui_notes.region_names(fgd.kode),
                indicator_names=labels, decimals=cat["decimals"].to_dict(),
            )  # fmt: skip

        pdf_col.download_button(
            minutes.TEXT("title", lang, title=ui_notes.md_escape(fgd.title)) + " (PDF)", minutes_pdf_bytes,
            file_name=minutes_pdf.file_name(fgd), mime=minutes_pdf.MIME, icon=":material/picture_as_pdf:",
            key=f"catatan_notulen_pdf_{fgd.session_id}",
        )  # fmt: skip
    if who is None or who.role != "walidata":
        st.caption(T("walidata_only", lang))
    else:
        if sesi:
            with st.form("catatan_keputusan", clear_on_submit=True):
                text = st.text_area(T("decision", lang), max_chars=1000, key="catatan_keputusan_teks")
                if st.form_submit_button(T("add_decision", lang)):
                    try:
                        store.add_decision(sesi, text, who)
                    except NoteError as e:
                        ui_notes.error(e, lang)
        with st.form("catatan_sesi_baru"):
            st.markdown(f"**{T('new_fgd', lang)}**")
            held = st.date_input(T("date", lang), dt.date.today(), key="catatan_sesi_tanggal")
            place = st.text_input(T("place", lang), max_chars=200, key="catatan_sesi_tempat")
            title = st.text_input(T("fgd_title", lang), max_chars=200, key="catatan_sesi_judul")
            if st.form_submit_button(T("create", lang)):
                try:
                    new_id = store.add_session(held, place, title, kota, who)
                    q["sesi"] = str(new_id)
                    st.session_state.pop("catatan_sesi", None)
                    st.rerun()
                except NoteError as e:
                    ui_notes.error(e, lang)
