using System.Text.Json.Nodes;

namespace Cleanup.Emulator.Protocol;

/// <summary>
/// One AWS JSON 1.1 service, addressed by the X-Amz-Target prefix (e.g. "AmazonSSM"), so further services such as
/// ECS ("AmazonEC2ContainerServiceV20141113") plug in without touching the HTTP pipeline.
/// </summary>
internal interface IAwsService
{
    string TargetPrefix { get; }

    /// <summary>The service's prefix in IAM action names (ssm:DescribeInstanceInformation), which AWS's denials quote.</summary>
    string IamPrefix { get; }

    bool Knows(string operation);

    /// <summary>Agent-style calls that real AWS accepts without SigV4 (the activation code is the proof).</summary>
    bool AllowsUnsigned(string operation);

    /// <summary>Runs the operation; refusals are thrown as <see cref="AwsErrorException"/>.</summary>
    JsonObject Invoke(string operation, RequestInput input);
}
