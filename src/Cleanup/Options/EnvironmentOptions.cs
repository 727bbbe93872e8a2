using System.Text.RegularExpressions;

namespace Cleanup.Options;

/// <summary>
/// Reads <see cref="CleanupOptions"/> from environment variables through the settings table (<see cref="Settings"/>)
/// and reports every problem at once, so a bad deployment fails on its first invocation with a message that names
/// each variable to fix. The checks that involve more than one variable live here.
/// </summary>
public static partial class EnvironmentOptions
{
    public const string DryRunVariable = "CLEANUP_DRY_RUN";
    public const string TagPrefixVariable = "CLEANUP_TAG_PREFIX";
    public const string ClustersVariable = "CLEANUP_CLUSTERS";
    public const string AccountIdVariable = "CLEANUP_ACCOUNT_ID";
    public const string MaxAttemptsVariable = "CLEANUP_MAX_ATTEMPTS";
    public const string TimeoutVariable = "CLEANUP_TIMEOUT_SECONDS";
    public const string RegistrationGraceVariable = "CLEANUP_REGISTRATION_GRACE_MINUTES";
    public const string OfflineGraceVariable = "CLEANUP_OFFLINE_GRACE_MINUTES";
    public const string UnusedActivationGraceVariable = "CLEANUP_UNUSED_ACTIVATION_GRACE_MINUTES";
    public const string MaxDeletionsVariable = "CLEANUP_MAX_DELETIONS_PER_RUN";
    public const string MaxDeletionPercentVariable = "CLEANUP_MAX_DELETION_PERCENT";
    public const string BrakeMinFleetVariable = "CLEANUP_BRAKE_MIN_FLEET";
    public const string NodeHourPriceVariable = "CLEANUP_NODE_HOUR_PRICE";
    public const string LegacyModeVariable = "CLEANUP_LEGACY_MODE";
    public const string LegacyNameVariable = "CLEANUP_LEGACY_NAME";
    public const string TriggerVariable = "CLEANUP_TRIGGER";
    public const string SweepLeaseVariable = "CLEANUP_SWEEP_LEASE";
    public const string LogDecisionsVariable = "CLEANUP_LOG_DECISIONS";
    public const string MetricsVariable = "CLEANUP_METRICS";

    /// <summary>Set by Lambda in every function's environment: a deployed function must know its own account.</summary>
    public const string LambdaFunctionNameSetting = "AWS_LAMBDA_FUNCTION_NAME";

    public static CleanupOptions Load(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var problems = new List<string>();
        var options = new CleanupOptions { Region = string.Empty };
        foreach (var setting in Settings.All)
        {
            options = setting.Read(options, getVariable(setting.Variable), problems);
        }

        var functionName = Setting.Blank(getVariable(LambdaFunctionNameSetting));
        if (Setting.Blank(getVariable(AccountIdVariable)) is null && functionName is not null)
        {
            // Without it, events and tags of any account would be accepted; the template always sets it.
            problems.Add($"{AccountIdVariable} is required in Lambda: the function must refuse events and tags of other accounts");
        }

        // The lease must outlast any run that holds it, so a run that holds one needs a known end.
        if (options.SweepLease is not null && Setting.Blank(getVariable(TimeoutVariable)) is null)
        {
            problems.Add($"{SweepLeaseVariable} needs {TimeoutVariable}: the lease lasts as long as a run may");
        }

        var mode = options.Sweep.LegacyMode;
        if (mode != LegacyMode.Off && options.Sweep.LegacyName is null)
        {
            problems.Add($"{LegacyNameVariable} is required when {LegacyModeVariable} is {mode.ToString().ToLowerInvariant()}: it is the fixed name the original script gave its nodes");
        }

        var region = Setting.Blank(getVariable("AWS_REGION")) ?? Setting.Blank(getVariable("AWS_DEFAULT_REGION"));
        if (region is null)
        {
            problems.Add("AWS_REGION is not set: the function must know its own region to refuse events from others");
        }
        else if (!RegionPattern().IsMatch(region))
        {
            problems.Add($"AWS_REGION '{Setting.Shown(region)}' is not a region name like us-east-1");
        }

        // Untagged nodes carry no cluster: matching them against every cluster of the account is too wide a net.
        if (mode != LegacyMode.Off && options.AllowedClusters.Count == 0)
        {
            problems.Add($"{ClustersVariable} is required when {LegacyModeVariable} is not off: legacy nodes are only matched against tasks of named clusters");
        }

        return problems.Count > 0
            ? throw new InvalidOptionsException(problems)
            : options with { Region = region!, FunctionName = functionName };
    }

    public static CleanupOptions FromProcess() => Load(Environment.GetEnvironmentVariable);

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+\z")]
    private static partial Regex RegionPattern();
}
