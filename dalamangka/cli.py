"""Command line: ``python -m dalamangka build | import | user | deck-pdf DECK OUT | serve`` (through
``dalamangka/__main__.py``, which starts ``serve`` without importing this module).

Passwords come from a prompt or ``DALAMANGKA_PASSWORD``; a BPS WebAPI key from a prompt or
``DALAMANGKA_BPS_KEY``. Neither is ever printed, logged or written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

from dalamangka import auth, config, decks_gc, fmt, importer, offline, serve, warehouse
from dalamangka.importer import ImportFailed, Options, SourceGiven, journal, webapi
from dalamangka.importer import skm as skm_import
from dalamangka.importer.model import STATUSES
from dalamangka.importer.replay import replay


def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(prompt)


def _columns(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        col, _, code = pair.partition("=")
        out[col.strip().upper()] = code.strip()
    return out


def _rincian(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        label, _, code = pair.rpartition("=")
        out[label.strip()] = code.strip()
    return out


def _new_indicators(path: Path | None) -> dict[str, dict[str, Any]]:
    if path is None:
        return {}
    with path.open("rb") as f:
        return {str(k): dict(v) for k, v in tomllib.load(f).items()}


def _print_plan(plan: importer.Plan, lang: str) -> None:
    c = plan.counts
    print(f"Berkas {plan.file_name} ({plan.format}), SHA-256 {plan.sha256[:12]}…")
    print(f"Baru: {c['baru']}, berubah: {c['berubah']}, sama: {c['sama']}, sel simbol/kosong: {c['kosong']}")
    changed = plan.part("berubah")
    for r in changed.head(20).to_dict("records"):
        old, new = fmt.number(float(r["old_nilai"]), 2, lang), fmt.number(float(r["nilai"]), 2, lang)
        where = f"{r['indicator']} {r['nama']} {r['tahun']}"
        print(f"  berubah: {where}: {old} -> {new} ({r['old_status']} -> {r['status']})")


def _import_skm(args: argparse.Namespace, session: auth.Session, target: Path) -> int:
    """An SKM sheet (NRR per unsur or respondents): preview, then commit with --yes."""
    plan = skm_import.prepare(args.file, target, args.sheet)
    print(f"Berkas {plan.file_name} ({plan.format}), SHA-256 {plan.sha256[:12]}…")
    for r in plan.preview(args.lang).to_dict("records"):
        score = fmt.number(float(r["nilai_konversi"]), 2, args.lang)
        where = f"{r['unit_layanan']} ({r['opd']}) {r['periode']} {r['tahun']}"
        print(f"  {where}: {score} {r['mutu']} {r['kinerja']}")
    if not args.yes:
        print("Pratinjau saja; tambahkan --yes untuk menyimpan.")
        return 0
    source = SourceGiven(args.penerbit or "", args.publikasi or "", args.tabel or "", args.lisensi)
    batch = skm_import.commit(plan, session, source, target)
    print(f"Tersimpan sebagai batch {batch}.")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    target = args.target or config.warehouse_path()
    options = Options(
        format=args.format,
        sheet=args.sheet,
        indikator=args.indikator,
        columns=_columns(args.kolom),
        kota=args.kota,
        decimal=args.desimal,
        status=args.status,
        new_indicators=_new_indicators(args.indikator_baru),
        rincian=_rincian(args.rincian),
    )
    try:
        # log in first: nothing is read or written for someone without a valid account
        session = auth.login(args.user, _secret("DALAMANGKA_PASSWORD", f"Kata sandi {args.user}: "))
    except auth.LoginFailed as e:
        print(f"Gagal masuk: {e.message(args.lang)}", file=sys.stderr)
        return 3
    try:
        if args.replay:
            if session.role != "walidata":
                print("Hanya walidata yang dapat memutar ulang jurnal impor.", file=sys.stderr)
                return 3
            batches = replay(target, session)
            print(f"{len(batches)} batch dari jurnal {journal.journal_dir(target)} dimuat ulang.")
            skm_batches = skm_import.replay(target, session)  # SKM sheets (issue 17)
            if skm_batches:
                print(f"{len(skm_batches)} batch SKM dari {skm_import.journal_dir(target)} dimuat ulang.")
            return 0
        if args.file is not None and skm_import.detect(args.file, args.sheet):  # SKM sheets (issue 17)
            return _import_skm(args, session, target)
        if args.webapi:
            if not (args.domain and args.var):
                print("--webapi perlu --domain dan --var", file=sys.stderr)
                return 2
            key = _secret("DALAMANGKA_BPS_KEY", "Kunci WebAPI BPS: ")
            doc = webapi.fetch(args.domain, args.var, key, th=args.tahun)
            del key
            name = f"webapi_domain{args.domain}_var{args.var}.json"
            plan = importer.prepare_webapi(doc, target, options, name)
        else:
            if args.file is None:
                print("Sebutkan berkas yang diimpor (atau --webapi).", file=sys.stderr)
                return 2
            plan = importer.prepare(args.file, target, options)
        importer.authorize(session, plan.indicators)
        _print_plan(plan, args.lang)
        if not args.yes:
            print("Pratinjau saja; tambahkan --yes untuk menyimpan.")
            return 0
        source = SourceGiven(
            publisher=args.penerbit or "",
            publication=args.publikasi or "",
            table=args.tabel or "",
            licence=args.lisensi,
        )
        batch = importer.commit(plan, session, source, target)
    except ImportFailed as e:
        print(
            "Impor dibatalkan; gudang data tidak berubah."
            if args.lang == "id"
            else "Import cancelled; the warehouse is unchanged.",
            file=sys.stderr,
        )
        for message in e.messages(args.lang):
            print(f"- {message}", file=sys.stderr)
        return 1
    print(f"Tersimpan sebagai batch {batch}.")
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    try:
        if args.user_command == "add":
            password = _secret("DALAMANGKA_PASSWORD", f"Kata sandi baru untuk {args.name}: ")
            auth.add_user(args.name, password, args.role, args.opd, rounds=args.rounds)
            print(f"Akun {args.name} ({args.role}) tersimpan di {auth.users_path()}.")
        elif args.user_command == "opd":
            auth.set_opd_indicators(args.opd, [i.strip() for i in args.indikator.split(",") if i.strip()])
            print(f"Indikator OPD {args.opd} tersimpan.")
    except auth.LoginFailed as e:
        print(e.message("id"), file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dalamangka", description="Kota Dalam Angka")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="bangun data/warehouse.duckdb dari data/")
    b.add_argument("--target", type=Path, default=None, help="lokasi berkas gudang data")

    i = sub.add_parser("import", help="impor tabel BPS ke gudang data (perlu akun)")
    i.add_argument("file", type=Path, nargs="?", help="berkas XLSX/CSV/JSON")
    i.add_argument("--user", required=True, help="nama akun (kata sandi: prompt atau DALAMANGKA_PASSWORD)")
    i.add_argument(
        "--format", choices=importer.FORMATS, default=None, help="format (bawaan: dikenali otomatis)"
    )
    i.add_argument("--sheet", default=None, help="nama lembar XLSX")
    i.add_argument("--indikator", default=None, help="kode indikator tabel")
    i.add_argument("--kolom", action="append", default=[], help="KOLOM=indikator, mis. B=penduduk_dukcapil")
    i.add_argument(
        "--rincian",
        action="append",
        default=[],
        help="RINCIAN=indikator, mis. 'Laki-laki=penduduk_laki_laki_dukcapil' (tabel/turvar berincian)",
    )
    i.add_argument("--kota", default=None, help="kode BPS kota/kabupaten (tabel kecamatan)")
    i.add_argument("--desimal", choices=("koma", "titik"), default=None, help="pemisah desimal bila ragu")
    i.add_argument("--status", choices=STATUSES, default="tidak_diketahui")
    i.add_argument(
        "--indikator-baru", type=Path, default=None, help="TOML indikator baru (nama, satuan, definisi)"
    )
    i.add_argument("--penerbit", default=None, help="penerbit sumber, mis. 'BPS Kota Medan'")
    i.add_argument("--publikasi", default=None, help="judul publikasi, mis. 'Kota Medan Dalam Angka 2025'")
    i.add_argument("--tabel", default=None, help="nomor/judul tabel")
    i.add_argument("--lisensi", default="Tidak dinyatakan oleh pengimpor.")
    i.add_argument(
        "--webapi", action="store_true", help="ambil dari WebAPI BPS (kunci: prompt/DALAMANGKA_BPS_KEY)"
    )
    i.add_argument("--domain", default=None, help="domain WebAPI, mis. 1275")
    i.add_argument("--var", default=None, help="id variabel WebAPI")
    i.add_argument("--tahun", type=int, default=None)
    i.add_argument("--yes", action="store_true", help="simpan setelah pratinjau")
    i.add_argument("--replay", action="store_true", help="muat ulang jurnal impor setelah build (walidata)")
    i.add_argument("--target", type=Path, default=None, help="lokasi berkas gudang data")
    i.add_argument("--lang", choices=("id", "en"), default="id")

    u = sub.add_parser("user", help="kelola akun impor")
    usub = u.add_subparsers(dest="user_command", required=True)
    ua = usub.add_parser("add", help="buat akun (kata sandi: prompt atau DALAMANGKA_PASSWORD)")
    ua.add_argument("name")
    ua.add_argument("--role", choices=auth.ROLES, required=True)
    ua.add_argument("--opd", default=None, help="OPD untuk peran produsen")
    ua.add_argument("--rounds", type=int, default=12, help=argparse.SUPPRESS)
    uo = usub.add_parser("opd", help="tetapkan indikator yang dihasilkan satu OPD")
    uo.add_argument("opd")
    uo.add_argument("--indikator", required=True, help="daftar kode, dipisah koma")

    offline.add_arguments(sub.add_parser("deck-pdf", help="paket luring: dek presentasi sebagai PDF"))
    serve.add_arguments(sub.add_parser("serve", help=serve.HELP))
    decks_gc.add_arguments(sub.add_parser("decks-gc", help="hapus dek bersama yang lebih tua dari N hari"))

    args = parser.parse_args(argv)
    if args.command == "build":
        try:
            seconds = warehouse.timed_build(args.target)
        except warehouse.BuildError as e:
            print(f"Gagal membangun gudang data: {e}", file=sys.stderr)
            return 1
        print(f"Gudang data dibangun dalam {seconds:.2f} detik.")
        target = args.target or config.warehouse_path()
        pending = journal.entries(target)
        if pending:
            print(
                f"Perhatian: {len(pending)} batch impor di {journal.journal_dir(target)} belum dimuat ulang. "
                "Jalankan `python -m dalamangka import --replay --user <walidata>`.",
                file=sys.stderr,
            )
    elif args.command == "import":
        return cmd_import(args)
    elif args.command == "user":
        return cmd_user(args)
    elif args.command == "deck-pdf":
        return offline.cli(args)
    elif args.command == "serve":
        return serve.cli(args)
    elif args.command == "decks-gc":
        return decks_gc.cli(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
