namespace Cleanup.Inventory;

/// <summary>An AWS call that failed after the SDK's retries, translated by the adapter into our terms.</summary>
public sealed class RegistryException : Exception
{
    public RegistryException()
        : this("ClientError", "the AWS call failed")
    {
    }

    public RegistryException(string message)
        : this("ClientError", message)
    {
    }

    public RegistryException(string message, Exception innerException)
        : this("ClientError", message, innerException)
    {
    }

    public RegistryException(string errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The AWS error code (e.g. ThrottlingException), or ClientError for network and timeout failures.</summary>
    public string ErrorCode { get; }
}
