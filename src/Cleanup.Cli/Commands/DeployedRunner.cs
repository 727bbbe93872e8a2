using Cleanup.Options;

namespace Cleanup.Cli.Commands;

/// <summary>
/// The runner the Lambda builds, from the same environment, so `invoke` and `sweep` show what the deployed function
/// would do. A bad configuration is printed and yields null: the command exits without any AWS call.
/// </summary>
internal static class DeployedRunner
{
    public static async Task<CleanupRunner?> CreateAsync(TextWriter error, bool dryRun)
    {
        try
        {
            return CleanupRunner.FromEnvironment(error, options => options with { DryRun = options.DryRun || dryRun });
        }
        catch (InvalidOptionsException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return null;
        }
    }
}
