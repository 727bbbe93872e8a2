namespace Cleanup.Emulator;

/// <summary>
/// An AWS JSON 1.1 error: thrown by operations inside the emulator (and rendered as <c>{"__type","message"}</c>),
/// and by <see cref="StubAgent"/> when the service refuses a call.
/// </summary>
public sealed class AwsErrorException : Exception
{
    public AwsErrorException(string code, string message, int statusCode = 400)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
    }

    /// <summary>The AWS error code, e.g. <c>InvalidInstanceId</c>.</summary>
    public string Code { get; }

    public int StatusCode { get; }
}
