using Cleanup.Report;

namespace Cleanup.Cli;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    public static int Of(RunStatus status) => status switch
    {
        RunStatus.Succeeded or RunStatus.Ignored => Ok,
        RunStatus.Failed or RunStatus.BrakeTripped => Failed,
        _ => Invalid,
    };
}
