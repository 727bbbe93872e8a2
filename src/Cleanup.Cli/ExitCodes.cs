using Cleanup.Report;

namespace Cleanup.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    /// <summary>The blast-radius brake tripped (in dry-run too): nothing was deleted, a person must look.</summary>
    public const int BrakeTripped = 3;

    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded or RunStatus.Ignored => Ok,
        RunStatus.Failed => Failed,
        RunStatus.BrakeTripped => BrakeTripped,
        _ => Invalid,
    };
}
