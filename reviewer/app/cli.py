"""The `custody` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from custody.reviewer.logs import configure_logging

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def _review(args: argparse.Namespace) -> int:
    if args.github_event:
        return _review_github_event(args)
    if not args.dir:
        print("custody: review needs a scenario folder, or --github-event PATH", file=sys.stderr)
        return EXIT_BAD_INPUT
    from custody.reviewer.gather.scenario import ScenarioError, load_scenario
    from custody.reviewer.review import run_review
    from custody.reviewer.settings import Settings

    try:
        source = load_scenario(Path(args.dir))
    except ScenarioError as exc:
        print(f"custody: {exc}", file=sys.stderr)
        if args.format == "json":  # a machine reading stdout gets the error in its own format
            print(json.dumps({"error": {"kind": "bad_input", "message": str(exc)}}))
        return EXIT_BAD_INPUT
    settings = Settings.from_env()
    stage = None
    if settings.anthropic_api_key:
        from custody.reviewer.llm.anthropic_client import model_stage_for

        stage = model_stage_for(settings)
    outcome = run_review(source, model_stage=stage)
    if args.record:
        from custody.reviewer.app.store import Store

        store = Store(settings.database_url)
        try:
            store.upgrade()
            review_id = store.save_review(outcome, trigger="offline")
        finally:
            store.close()
        print(f"custody: recorded as review {review_id}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(outcome.verdict.to_json_dict(), indent=2))
    else:
        print(outcome.comment)
    return EXIT_OK


def _review_github_event(args: argparse.Namespace) -> int:
    """The review a workflow runs (the GitHub Action): exit 1 when a blocking finding stands."""
    from custody.reviewer.app.github.action import ActionInputError, run_action
    from custody.reviewer.app.queue.jobs import JobCannotSucceed
    from custody.reviewer.settings import Settings

    try:
        result = run_action(Path(args.github_event), Settings.from_env(),
                            output=Path(args.output) if args.output else None)
    except (ActionInputError, JobCannotSucceed) as exc:  # exit 1 would read as a blocking finding
        print(f"custody: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.format == "json":
        print(json.dumps(result.outcome.verdict.to_json_dict(), indent=2))
    else:
        print(result.outcome.comment)
    return result.exit_code


def _eval(args: argparse.Namespace) -> int:
    from custody.reviewer.app.evaluate import find_scenarios

    roots = [Path(d) for d in args.dirs]
    sets = [[root] for root in roots] if args.per_set else [roots]
    for group in sets:
        folders = find_scenarios(group)
        line = _score_folders(folders, args.verbose)
        if line is None:
            return EXIT_BAD_INPUT
        if args.per_set:
            line = {"set": str(group[0]), **line}
        print(json.dumps(line))
    return EXIT_OK


def _score_folders(folders: list[Path], verbose: bool) -> dict[str, object] | None:
    """Review each scenario and score it against its labels; None when a scenario cannot be read."""
    from custody.reviewer.app.evaluate import load_expected, score_scenario, summary
    from custody.reviewer.gather.scenario import ScenarioError, load_scenario
    from custody.reviewer.review import run_review

    scores = []
    timings = []
    for folder in folders:
        try:
            expected = load_expected(folder)
            source = load_scenario(folder)
        except (ScenarioError, ValueError) as exc:
            print(f"custody: {exc}", file=sys.stderr)
            return None
        started = time.perf_counter()
        verdict = run_review(source).verdict
        timings.append(time.perf_counter() - started)
        result = score_scenario(folder.name, expected, verdict)
        scores.append(result)
        if verbose:
            status = "ok" if not result.missed and not result.false_positives else "MISS/NOISE"
            print(f"{status:10} {folder.name}: caught {result.caught}/{result.deltas}, "
                  f"fp {result.false_positives}", file=sys.stderr)
            for delta in result.missed:
                print(f"           missed {delta}", file=sys.stderr)
            for noise in result.noise:
                print(f"           noise  {noise}", file=sys.stderr)
            for stray in result.unlabelled:
                print(f"           extra  {stray}", file=sys.stderr)
    line: dict[str, object] = dict(summary(scores))
    if timings:
        ordered = sorted(timings)
        line["median_review_s"] = round(ordered[len(ordered) // 2], 4)
    return line


def _serve(args: argparse.Namespace) -> int:
    from custody.reviewer.app.webhook.server import run_server
    from custody.reviewer.settings import Settings
    from custody.reviewer.tracing import configure_tracing

    settings = Settings.from_env()
    if not settings.webhook_secret:
        print("custody: CUSTODY_WEBHOOK_SECRET is not set; refusing to accept unsigned deliveries",
              file=sys.stderr)
        return EXIT_BAD_INPUT
    configure_logging(_secrets(settings))
    configure_tracing()
    run_server(settings, args.host, args.port, with_worker=not args.no_worker)
    return EXIT_OK


def _worker(args: argparse.Namespace) -> int:
    from custody.reviewer.app.queue.workers import run_worker
    from custody.reviewer.settings import Settings
    from custody.reviewer.tracing import configure_tracing

    settings = Settings.from_env()
    configure_logging(_secrets(settings))
    configure_tracing()
    run_worker(settings, workers=args.workers, threads=args.threads)
    return EXIT_OK


def _standin(args: argparse.Namespace) -> int:
    from custody.reviewer.app.standin import run_standin
    from custody.reviewer.gather.scenario import ScenarioError

    try:
        run_standin([Path(d) for d in args.scenarios], args.host, args.port)
    except ScenarioError as exc:
        print(f"custody: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from custody.reviewer.app.demo import run_demo

    return run_demo(keep_running=args.keep_running)


def _schema(args: argparse.Namespace) -> int:
    from custody.reviewer.rules.schemas import schema_for

    print(json.dumps(schema_for(args.what), indent=2))
    return EXIT_OK


def _rules_lint(args: argparse.Namespace) -> int:
    from custody.reviewer.app.rules_lint import lint_paths

    paths = [Path(p) for p in args.paths]
    if not paths:
        from importlib import resources

        packs = resources.files("custody.reviewer.rules.packs")
        paths = [Path(str(e)) for e in packs.iterdir() if e.name.endswith((".yml", ".yaml"))]
        if Path(".github/custody.yml").is_file():
            paths.append(Path(".github/custody.yml"))
    checked: list[str] = []
    errors = lint_paths(sorted(paths), checked)
    # One stream, errors first and the count last, so a terminal or a log never shows them out of order.
    for error in errors:
        print(error)
    warnings = sum(1 for e in errors if e.warning)
    print(f"{len(checked)} file(s) checked, {len(errors) - warnings} error(s)"
          + (f", {warnings} warning(s)" if warnings else ""))
    return 1 if len(errors) > warnings else EXIT_OK


def _rules_list(args: argparse.Namespace) -> int:
    """Every rule a review runs: the built-in ones, and the packs the repository's custody.yml names."""
    from custody.reviewer.app.rules_proof import repository_files
    from custody.reviewer.model.config import CONFIG_PATH
    from custody.reviewer.rules.book import builtin_packs, parse_pack

    packs = [("built-in", p) for p in builtin_packs()]
    for name, data in repository_files(Path(args.repo)).items():
        if name != CONFIG_PATH:
            try:
                packs.append((name, parse_pack(data.decode("utf-8"), name)[0]))
            except ValueError as exc:
                print(f"custody: {exc} (run custody rules lint)", file=sys.stderr)
    for source, pack in packs:
        for rule in pack.rules:
            check = next(k for k in ("builtin", "cel", "rego", "llm") if getattr(rule.check, k)) \
                if any((rule.check.builtin, rule.check.cel, rule.check.rego, rule.check.llm)) else "-"
            print(f"{rule.id:45} {rule.agent:10} {rule.severity:8} {'blocking' if rule.blocking else '-':8} "
                  f"{check:7} {pack.pack} ({source}): {rule.title}")
    return EXIT_OK


def _rules_test(args: argparse.Namespace) -> int:
    from custody.reviewer.app.rules_proof import TESTS_DIR, prove_rules

    repos = [d for d in args.dirs if (Path(d) / TESTS_DIR).is_dir()]
    if repos and (len(args.dirs) > 1 or args.repo):
        print(f"custody: {repos[0]} is a repository (it has {TESTS_DIR}/): test one repository at a time, "
              f"`custody rules test {repos[0]}`", file=sys.stderr)
        return 2
    # A folder that holds .github/custody/tests/ is a repository, as with --repo; others are labelled scenarios.
    repo = (Path(args.repo) if args.repo else Path(repos[0]) if repos
            else Path(".") if not args.dirs and Path(TESTS_DIR).is_dir() else None)
    if repo is not None:
        return _repository_rules_test(repo)
    try:
        proofs = prove_rules([Path(d) for d in args.dirs or ["benchmark/scenarios"]])
    except ValueError as exc:  # a scenario (ScenarioError) or its expected.yml that cannot be read
        print(f"custody: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for proof in proofs:
        status = "ok" if proof.proven else "FAIL"
        detail = f"fires on {len(proof.fires_on)} planted delta(s)"
        if proof.noisy_on:
            detail += f"; fires on clean {', '.join(proof.noisy_on)}"
        print(f"{status:5} {proof.rule:40} {detail}")
    failed = [p for p in proofs if not p.proven]
    print(f"{len(proofs) - len(failed)} proven, {len(failed)} not")
    return 1 if failed else EXIT_OK


def _repository_rules_test(repo: Path) -> int:
    """A repository's own rules on its own examples: exit 1 when one expectation does not hold."""
    from custody.reviewer.app.rules_proof import TESTS_DIR, prove_repository_rules

    tests = prove_repository_rules(repo)
    if not tests:
        print(f"custody: no tests under {repo / TESTS_DIR} (one folder per example: a scenario and expect.yml)",
              file=sys.stderr)
        return 1
    for test in tests:
        print(f"{'ok' if test.passed else 'FAIL':5} {test.name:40} fired: {', '.join(test.fired) or 'nothing'}")
        for finding in test.findings:
            print(f"      - {finding}")
        for failure in test.failures:
            print(f"      {failure}")
    failed = [t for t in tests if not t.passed]
    print(f"{len(tests) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else EXIT_OK


def _trends(args: argparse.Namespace) -> int:
    from custody.reviewer.app.store import Store
    from custody.reviewer.app.trends.queries import trends_document
    from custody.reviewer.app.trends.report import table
    from custody.reviewer.app.trends.sprints import SprintCalendar
    from custody.reviewer.settings import Settings

    settings = Settings.from_env()
    store = Store(settings.database_url)
    try:
        store.upgrade()
        document = trends_document(store.engine, args.repo, SprintCalendar.from_settings(settings), agent=args.agent)
    finally:
        store.close()
    print(json.dumps(document, indent=2) if args.json else table(document))
    return EXIT_OK


def _jobs_dead(args: argparse.Namespace) -> int:
    """The deliveries whose jobs were given up, newest first, for an operator to look into."""
    from custody.reviewer.app.store import Store
    from custody.reviewer.settings import Settings

    store = Store(Settings.from_env().database_url)
    try:
        store.upgrade()
        dead = store.dead_jobs(limit=args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([{"delivery": d.delivery_id, "event": d.event, "repo": d.repo, "number": d.number,
                           "claims": d.claims, "failure": d.failure, "received_at": d.received_at.isoformat(),
                           "finished_at": d.finished_at.isoformat() if d.finished_at else None} for d in dead],
                         indent=2))
        return EXIT_OK
    if not dead:
        print("no dead jobs")
        return EXIT_OK
    for d in dead:
        finished = d.finished_at.isoformat(timespec="seconds") if d.finished_at else "-"
        print(f"{finished}  {d.delivery_id}  {d.event}  {d.repo or '-'}#{d.number if d.number is not None else '-'}"
              f"  claims={d.claims}  {d.failure}")
    return EXIT_OK


def _mlflow_connect(args: argparse.Namespace) -> int:
    from custody.reviewer.app.admission.connect import connect
    from custody.reviewer.app.sources.mlflow import MlflowRegistry, shared_target
    from custody.reviewer.app.store import Store
    from custody.reviewer.gather.review_input import ArtifactUnavailable
    from custody.reviewer.settings import Settings

    settings = Settings.from_env()
    public = args.url or settings.public_url
    if not settings.mlflow_tracking_uri or not settings.mlflow_webhook_secret or not public:
        print("custody: mlflow connect needs CUSTODY_MLFLOW_URI, CUSTODY_MLFLOW_WEBHOOK_SECRET and --url "
              "(or CUSTODY_PUBLIC_URL): Custody's address as MLflow reaches it", file=sys.stderr)
        return EXIT_BAD_INPUT
    store = Store(settings.database_url)
    try:
        store.upgrade()
        registry = MlflowRegistry(shared_target(settings))
        done = connect(registry, store, public, settings.mlflow_webhook_secret, args.model)
    except ArtifactUnavailable as exc:
        print(f"custody: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"webhook {done.webhook_id} -> {done.url}" + (f" (replaced {done.replaced})" if done.replaced else ""))
    for model, aliases in done.seeded.items():
        print(f"{model}: " + (", ".join(f"@{a} = v{v}" for a, v in sorted(aliases.items())) or "no aliases yet"))
    if not done.test_ok:
        print(f"custody: MLflow's test delivery failed ({done.test_status or done.test_error}); "
              "is Custody reachable from the MLflow server at that URL, with the same secret?", file=sys.stderr)
        return 1
    print(f"test delivery: Custody answered {done.test_status}")
    return EXIT_OK


def _secrets(settings: object) -> list[str | None]:
    names = ("webhook_secret", "private_key", "anthropic_api_key", "jira_token", "api_token", "mlflow_webhook_secret")
    return [getattr(settings, name, None) for name in names]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="custody", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    sub = parser.add_subparsers(dest="command", required=True)

    review = sub.add_parser("review", help="review a scenario folder offline")
    review.add_argument("dir", nargs="?", help="a scenario folder (or use --github-event)")
    review.add_argument("--github-event", metavar="PATH",
                        help="review the pull request of this GitHub Actions event file with GITHUB_TOKEN and post "
                             "as the workflow (exit 1 when a blocking finding stands)")
    review.add_argument("--output", metavar="DIR", help="with --github-event: write verdict.json, evidence.json "
                                                        "and comment.md here")
    review.add_argument("--format", choices=["markdown", "json"], default="markdown")
    review.add_argument("--record", action="store_true", help="store the verdict in CUSTODY_DATABASE_URL")
    review.set_defaults(func=_review)

    ev = sub.add_parser("eval", help="score reviews against expected.yml labels")
    ev.add_argument("dirs", nargs="+")
    ev.add_argument("--per-set", action="store_true",
                    help="one summary line per directory given (e.g. the synthetic and the real-world sets)")
    ev.set_defaults(func=_eval)

    serve = sub.add_parser("serve", help="run the webhook server (and a worker, by default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-worker", action="store_true", help="do not run a worker in-process")
    serve.set_defaults(func=_serve)

    worker = sub.add_parser("worker", help="run review workers on the queue")
    worker.add_argument("--workers", type=int, default=2, help="reviews computing at once in this process")
    worker.add_argument("--threads", type=int, default=None,
                        help="jobs held at once, the rest waiting on GitHub's pacing (default: 4 per worker)")
    worker.set_defaults(func=_worker)

    standin = sub.add_parser("standin", help="serve a GitHub stand-in for scenario folders")
    standin.add_argument("scenarios", nargs="+")
    standin.add_argument("--host", default="127.0.0.1")
    standin.add_argument("--port", type=int, default=8010)
    standin.set_defaults(func=_standin)

    demo = sub.add_parser("demo", help="run the whole path end to end on embedded defaults")
    demo.add_argument("--keep-running", action="store_true", help="leave the servers up afterwards")
    demo.set_defaults(func=_demo)

    rules = sub.add_parser("rules", help="lint and prove rule packs").add_subparsers(
        dest="rules_command", required=True
    )
    lint = rules.add_parser("lint", help="check packs and custody.yml (file:line: error)")
    lint.add_argument("paths", nargs="*")
    lint.set_defaults(func=_rules_lint)
    listing = rules.add_parser("list", help="list every rule: the built-in ones and the repository's own packs")
    listing.add_argument("--repo", default=".", help="the repository whose .github/custody.yml names its packs")
    listing.set_defaults(func=_rules_list)
    proof = rules.add_parser("test", help="prove rules: the repository's own on .github/custody/tests/, "
                                           "or each built-in rule on labelled scenarios")
    proof.add_argument("dirs", nargs="*", help="a repository (a folder with .github/custody/tests/, as --repo), "
                                               "or labelled scenario folders for the built-in rules "
                                               "(default benchmark/scenarios)")
    proof.add_argument("--repo", help="a repository whose .github/custody/tests/ prove its own rules "
                                      "(the default when the current folder has them)")
    proof.set_defaults(func=_rules_test)

    trends = sub.add_parser("trends", help="risk trends per sprint from recorded reviews")
    trends.add_argument("--repo", help="OWNER/NAME; the whole organisation when absent")
    trends.add_argument("--agent", help="only this agent's risk and rules")
    trends.add_argument("--json", action="store_true", help="print the API's JSON instead of a table")
    trends.set_defaults(func=_trends)

    jobs = sub.add_parser("jobs", help="inspect queued review jobs").add_subparsers(dest="jobs_command",
                                                                                   required=True)
    dead = jobs.add_parser("dead", help="list jobs given up: GitHub refused them for good, or they were "
                                        "claimed CUSTODY_JOB_MAX_CLAIMS times without finishing")
    dead.add_argument("--limit", type=int, default=100)
    dead.add_argument("--json", action="store_true")
    dead.set_defaults(func=_jobs_dead)

    mlflow = sub.add_parser("mlflow", help="MLflow registry admission gate").add_subparsers(
        dest="mlflow_command", required=True)
    connect = mlflow.add_parser("connect", help="register Custody as an MLflow registry webhook and test it")
    connect.add_argument("--url", help="Custody's address as the MLflow server reaches it (default "
                                       "CUSTODY_PUBLIC_URL); deliveries go to <url>/mlflow/webhook")
    connect.add_argument("--model", action="append", default=[],
                         help="a registered model whose aliases to note now, so its first move has a champion "
                              "(repeatable)")
    connect.set_defaults(func=_mlflow_connect)

    schema = sub.add_parser("schema", help="print a JSON Schema")
    schema.add_argument("what", choices=["evidence", "verdict", "rules", "config"])
    schema.set_defaults(func=_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(json_lines=False, level=logging.INFO if args.verbose else logging.WARNING)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
