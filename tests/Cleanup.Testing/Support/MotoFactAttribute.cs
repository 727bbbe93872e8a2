namespace Cleanup.Tests.Support;

/// <summary>
/// A fact that needs moto_server. Without it on PATH the test is reported as skipped (visibly, not silently passed);
/// when CI=true it runs anyway and fails, because CI must prove the ECS adapter against a second implementation.
/// </summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.ExecutablePath is null && !MotoServer.RequiredByCi)
        {
            Skip = "moto_server is not on PATH (pip install 'moto[server]'); set CI=true to make this a failure.";
        }
    }
}
