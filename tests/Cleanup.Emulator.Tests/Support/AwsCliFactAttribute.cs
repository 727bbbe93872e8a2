namespace Cleanup.Emulator.Tests.Support;

/// <summary>
/// A fact that needs the AWS CLI. Without <c>aws</c> on PATH it is reported as skipped (visibly, not silently passed);
/// when CI=true it runs anyway and fails, because CI must prove CLI compatibility.
/// </summary>
public sealed class AwsCliFactAttribute : FactAttribute
{
    public AwsCliFactAttribute()
    {
        if (AwsCli.Path is null && !AwsCli.RequiredByCi)
        {
            Skip = "The AWS CLI ('aws') is not on PATH; set CI=true to make this a failure.";
        }
    }
}
