namespace Cleanup.Emulator.Ecs;

/// <summary>
/// When the emulated ECS moves a task through its documented lifecycle, measured on the emulator clock from
/// RunTask or from the stop. AWS publishes no durations; these are round numbers close to what a small Fargate
/// task shows, so a test advances the clock by <see cref="StartDuration"/> to see RUNNING and by
/// <see cref="StopDuration"/> to see STOPPED. Tasks with an ENI (awsvpc) go through PROVISIONING, ACTIVATING,
/// DEACTIVATING and DEPROVISIONING; the others (EC2 bridge/host) only PENDING → RUNNING → STOPPING → STOPPED.
/// </summary>
public static class TaskLifecycle
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Activating = "ACTIVATING";
    public const string Running = "RUNNING";
    public const string Deactivating = "DEACTIVATING";
    public const string Stopping = "STOPPING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Stopped = "STOPPED";

    /// <summary>RunTask to RUNNING.</summary>
    public static readonly TimeSpan StartDuration = TimeSpan.FromSeconds(30);

    /// <summary>Stop (StopTask, container exit) to STOPPED.</summary>
    public static readonly TimeSpan StopDuration = TimeSpan.FromSeconds(30);

    /// <summary>Status changes after RunTask, as offsets; the first one is the status RunTask returns.</summary>
    internal static IReadOnlyList<(TimeSpan After, string Status)> StartSteps(bool hasEni) => hasEni
        ? [(TimeSpan.Zero, Provisioning), (TimeSpan.FromSeconds(10), Pending), (TimeSpan.FromSeconds(20), Activating), (StartDuration, Running)]
        : [(TimeSpan.Zero, Pending), (StartDuration, Running)];

    /// <summary>Status changes after a stop; the stop itself changes only desiredStatus.</summary>
    internal static IReadOnlyList<(TimeSpan After, string Status)> StopSteps(bool hasEni) => hasEni
        ? [(TimeSpan.FromSeconds(5), Deactivating), (TimeSpan.FromSeconds(10), Stopping), (TimeSpan.FromSeconds(20), Deprovisioning), (StopDuration, Stopped)]
        : [(TimeSpan.FromSeconds(5), Stopping), (StopDuration, Stopped)];

    /// <summary>Position in the lifecycle, for "has the task reached RUNNING yet" questions.</summary>
    internal static int Rank(string status) => status switch
    {
        Provisioning => 0,
        Pending => 1,
        Activating => 2,
        Running => 3,
        Deactivating => 4,
        Stopping => 5,
        Deprovisioning => 6,
        _ => 7,
    };
}
