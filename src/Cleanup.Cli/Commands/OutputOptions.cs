using System.CommandLine;

namespace Cleanup.Cli.Commands;

/// <summary>How a run's result is shown: what a person reads by default, what a script reads with --output json.</summary>
public sealed record OutputChoice(bool Json = false, bool Quiet = false, bool Log = false);

/// <summary>--output, --json, --quiet and --log, shared by `invoke` and `sweep`.</summary>
internal sealed class OutputOptions
{
    private readonly Option<string> _format = new("--output", "-o")
    {
        Description = "table: the items that changed, failed or need attention, the kept items counted by reason, the status; "
            + "json: the full result JSON only (an SQS batch: the handler's batchItemFailures answer).",
        DefaultValueFactory = _ => "table",
        HelpName = "table|json",
    };

    private readonly Option<bool> _json = new("--json") { Description = "Same as --output json." };

    private readonly Option<bool> _quiet = new("--quiet", "-q")
    {
        Description = "Only the final status line (with --output json: only the JSON), and errors on stderr: no banner, no progress.",
    };

    private readonly Option<bool> _log = new("--log")
    {
        Description = "Also write the decision log to stderr: one JSON line per decision and per run, as the Lambda logs them (off by default).",
    };

    public OutputOptions() => _format.AcceptOnlyFromAmong("table", "json");

    public void AddTo(Command command)
    {
        command.Options.Add(_format);
        command.Options.Add(_json);
        command.Options.Add(_quiet);
        command.Options.Add(_log);
    }

    public OutputChoice Read(ParseResult parse) =>
        new(parse.GetValue(_json) || parse.GetValue(_format) == "json", parse.GetValue(_quiet), parse.GetValue(_log));
}
