namespace Cleanup.Tests.Cli;

/// <summary>
/// A fact that needs the AWS CLI (`aws`). Without it on PATH the test is reported as skipped; when CI=true it runs
/// anyway and fails, as the moto tests do.
/// </summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (ReadmeWalkthrough.AwsCliPath is null && !Support.MotoServer.RequiredByCi)
        {
            Skip = "the AWS CLI (aws) is not on PATH (pip install awscli); set CI=true to make this a failure.";
        }
    }
}
