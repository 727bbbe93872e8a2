using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The runner the Lambda builds, from the same environment, so `invoke` and `sweep` show what the deployed function
/// would do. A bad configuration is printed and yields null: the command exits without any AWS call.
/// </summary>
internal static class DeployedRunner
{
    public static async Task<CleanupRunner?> CreateAsync(TextWriter error, bool dryRun, CancellationToken cancellationToken)
    {
        CleanupOptions options;
        try
        {
            options = EnvironmentOptions.FromProcess();
        }
        catch (InvalidOptionsException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return null;
        }

        var (account, problem) = await CallerAccount.ResolveAsync(options, cancellationToken);
        if (account is null)
        {
            await error.WriteLineAsync(problem);
            return null;
        }

        return CleanupRunner.FromOptions(options with { DryRun = options.DryRun || dryRun, AccountId = account }, error);
    }
}
