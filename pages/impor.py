"""Impor: log in, upload a BPS table, check the preview (new / changed / unchanged), save it."""

import streamlit as st

from dalamangka import auth, config, ui
from dalamangka.importer import ImportFailed, Options, SourceGiven, commit, template, view
from dalamangka.importer.model import STATUSES
from dalamangka.importer.validate import is_breakdown
from dalamangka.importer.view import TEXT as T
from dalamangka.importer.view import (
    Upload,
    fetch_webapi,
    inspect,
    markdown_safe,
    new_indicator,
    prepare_upload,
    preview_frames,
    wants_city,
)

ctx = ui.context()
lang = ctx.lang
st.title(T("title", lang))
st.caption(T("intro", lang))
regions = ui.query("import_template_regions", kode=ctx.kode)
st.download_button(
    T("template", lang, name=ctx.nama),
    template.make_template(regions),
    f"templat_{ctx.kode}.csv",
    "text/csv",
    help=T("template_help", lang),
    key="impor_template",
)


def failed(e: ImportFailed) -> None:
    st.error(T("failed", lang) + "\n\n" + "\n".join(f"- {markdown_safe(m)}" for m in e.messages(lang)))


session = st.session_state.get("impor_session")
if not isinstance(session, auth.Session):
    ui.login_form("impor", T("login", lang), lang)
    st.stop()

opd = f", {session.opd}" if session.opd else ""
st.success(T("logged_in", lang, user=session.user, role=session.role, opd=opd))
if st.button(T("logout", lang), key="impor_logout"):
    for k in [k for k in st.session_state if str(k).startswith("impor_")]:
        del st.session_state[k]
    st.rerun()

with st.expander(T("history", lang)):
    st.dataframe(ui.query("import_batches").drop(columns=["sha256"]), hide_index=True)
indicators = ui.query("import_indicators")
codes = [c for c in indicators.code if session.may_import(c)]
with st.expander(T("new_indicator", lang)):
    new = new_indicator(
        st.text_input(T("new_code", lang), key="impor_new_code"),
        st.text_input(T("new_name", lang), key="impor_new_name"),
        st.text_input(T("new_unit", lang), key="impor_new_unit"),
        st.text_area(T("new_definition", lang), key="impor_new_definition"),
    )
    if new and not view.NEW_CODE.match(next(iter(new))):
        st.warning(T("new_bad_code", lang))
        new = {}
codes += [c for c in new if c not in codes]
kotas = ui.query("region_pickable")
kotas = kotas[kotas.level.isin(["kota", "kabupaten"])]
kota_names = dict(zip(kotas.kode, kotas.nama, strict=True))
uploaded = st.file_uploader(T("upload", lang), type=["xlsx", "csv", "json"], key="impor_file")
if uploaded is not None:
    st.session_state["impor_upload"] = Upload(uploaded.name, uploaded.getvalue())
upload = st.session_state.get("impor_upload")
with st.expander(T("webapi", lang)):
    key = st.text_input(T("webapi_key", lang), type="password", key="impor_webapi_key")
    domain = st.text_input(T("webapi_domain", lang), value=ctx.kode, key="impor_webapi_domain")
    var_id = st.text_input(T("webapi_var", lang), key="impor_webapi_var")
    api_indicator = st.selectbox(T("indicator", lang), codes, key="impor_webapi_indicator")
    if st.button(T("webapi_fetch", lang), key="impor_webapi_go") and key and var_id:
        try:
            options = Options(
                indikator=api_indicator, kota=ctx.kode if len(domain) == 4 and domain[2:] != "00" else None
            )
            st.session_state["impor_plan"] = fetch_webapi(
                domain, var_id, key, config.warehouse_path(), options
            )
        except ImportFailed as e:
            failed(e)

if isinstance(upload, Upload):
    try:
        sheet = st.session_state.get("impor_sheet")
        parsed = inspect(upload, sheet)
        if len(parsed.sheets) > 1:
            current = parsed.sheets.index(parsed.sheet or parsed.sheets[0])
            st.selectbox(T("sheet", lang), parsed.sheets, index=current, key="impor_sheet")
        st.caption(
            T("format", lang, format=T(f"format_{parsed.format}", lang))
            + (f" · {markdown_safe(parsed.title)}" if parsed.title else "")
        )
        options = Options(sheet=parsed.sheet if len(parsed.sheets) > 1 else None, new_indicators=new)
        if wants_city(parsed):
            kode_list = list(kota_names)
            options.kota = st.selectbox(
                T("city", lang),
                kode_list,
                index=kode_list.index(ctx.kode) if ctx.kode in kode_list else 0,
                key="impor_city",
                format_func=lambda k: f"{kota_names[k]} ({k})",
            )
        if len(parsed.rincian) > 1 and all(is_breakdown(label) for label in parsed.rincian):
            options.indikator = st.selectbox(T("indicator", lang), codes, key="impor_indicator")
            st.caption(T("rincian_auto", lang, labels=", ".join(parsed.rincian)))
        elif len(parsed.rincian) > 1:
            for label in parsed.rincian:
                choice = st.selectbox(
                    T("indicator_rincian", lang, label=label),
                    ["", *codes],
                    key=f"impor_rincian_{label}",
                    format_func=lambda c: c or T("skip", lang),
                )
                if choice:
                    options.rincian[label] = choice
        elif parsed.format != "template":
            options.indikator = st.selectbox(T("indicator", lang), codes, key="impor_indicator")
        if parsed.format != "template" and len(parsed.columns) > 1:
            with st.expander(T("per_column", lang)):  # as --kolom B=kode: the columns left out are skipped
                for col, label in parsed.columns.items():
                    choice = st.selectbox(
                        T("indicator_col", lang, col=col, label=label),
                        ["", *codes],
                        key=f"impor_col_{col}",
                        format_func=lambda c: c or T("skip", lang),
                    )
                    if choice:
                        options.columns[col] = choice
        decimal = st.radio(
            T("decimal", lang),
            ["", "koma", "titik"],
            horizontal=True,
            key="impor_decimal",
            format_func=lambda d: d or T("decimal_auto", lang),
        )
        options.decimal = decimal or None
        options.status = st.selectbox(
            T("status", lang), STATUSES, index=len(STATUSES) - 1, key="impor_status"
        )
        if st.button(T("preview", lang), key="impor_preview", type="primary"):
            st.session_state["impor_plan"] = prepare_upload(upload, config.warehouse_path(), options)
    except ImportFailed as e:
        st.session_state.pop("impor_plan", None)
        failed(e)

plan = st.session_state.get("impor_plan")
if plan is not None:
    st.subheader(T("counts", lang, file=plan.file_name))
    c = plan.counts
    cols = st.columns(4)
    for col, (label, n) in zip(
        cols,
        [("new", c["baru"]), ("changed", c["berubah"]), ("unchanged", c["sama"]), ("missing", c["kosong"])],
        strict=True,
    ):
        col.metric(T(label, lang), n)
    catalog = ui.query("indicator_catalog")
    frames = preview_frames(plan, lang, dict(zip(catalog.code, catalog.decimals, strict=True)))
    for tab, name in zip(st.tabs([T(k, lang) for k in frames]), frames, strict=True):
        tab.dataframe(frames[name], hide_index=True)
    sumber = plan.notes.get("sumber", "")
    publisher = st.text_input(T("publisher", lang), value=sumber.split(",")[0], key="impor_publisher")
    publication = st.text_input(
        T("publication", lang),
        value=", ".join(sumber.split(",")[1:]).strip() or (plan.title or ""),
        key="impor_publication",
    )
    table = st.text_input(T("table", lang), key="impor_table")
    licence = st.text_input(T("licence", lang), value="Tidak dinyatakan oleh pengimpor.", key="impor_licence")
    if c["baru"] + c["berubah"] == 0:
        st.info(T("nothing", lang))
    if st.button(T("save", lang), key="impor_save", type="primary", disabled=c["baru"] + c["berubah"] == 0):
        try:
            batch = commit(
                plan, session, SourceGiven(publisher, publication, table, licence), config.warehouse_path()
            )
            st.session_state.pop("impor_plan", None)
            st.session_state.pop("impor_upload", None)
            st.success(T("saved", lang, batch=batch, new=c["baru"], changed=c["berubah"]))
        except ImportFailed as e:
            failed(e)
