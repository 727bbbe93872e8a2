using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace Cleanup.Aws.Ecs;

/// <summary>
/// Chooses SigV4 for every ECS operation. The SDK's pipeline signs only when an auth-scheme handler has picked a
/// scheme, so without this handler requests would leave unsigned.
/// </summary>
internal sealed class EcsAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) =>
        AuthSchemeOption.DEFAULT_SIGV4;
}
