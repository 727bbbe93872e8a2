using System.CommandLine;

namespace Cleanup.Cli.Commands;

/// <summary>What a user chose on the command line for a command that calls AWS.</summary>
public sealed record AwsChoice(string? Profile = null, string? Region = null, bool Apply = false, bool DryRun = false)
{
    /// <summary>The sweep lease to take (sweep --lease), as CLEANUP_SWEEP_LEASE would give it.</summary>
    public string? Lease { get; init; }

    /// <summary>CLEANUP_* settings given as flags (e.g. --offline-grace): each wins over the variable in the environment.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The options every AWS-calling command shares: where (--profile, --region) and whether to delete (--apply).</summary>
internal sealed class AwsOptions
{
    private readonly Option<bool> _apply = new("--apply") { Description = "Delete for real. Without it nothing is deleted (a dry run), unless CLEANUP_DRY_RUN=true keeps it a dry run anyway." };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Report what would be removed and delete nothing (the default; wins over --apply)." };
    private readonly Option<string> _profile = new("--profile") { Description = "Named profile from ~/.aws/config and ~/.aws/credentials (as AWS_PROFILE).", HelpName = "NAME" };
    private readonly Option<string> _region = new("--region") { Description = "AWS region (as AWS_REGION); default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.", HelpName = "NAME" };

    public void AddTo(Command command)
    {
        command.Options.Add(_apply);
        command.Options.Add(_dryRun);
        command.Options.Add(_profile);
        command.Options.Add(_region);
    }

    public AwsChoice Read(ParseResult parse) =>
        new(parse.GetValue(_profile), parse.GetValue(_region), parse.GetValue(_apply), parse.GetValue(_dryRun));
}
