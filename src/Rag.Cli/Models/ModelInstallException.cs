namespace Rag.Cli.Models;

/// <summary>A model could not be installed; the message names the model, the file, the hashes and where it looked.</summary>
internal sealed class ModelInstallException : Exception
{
    public ModelInstallException()
    {
    }

    public ModelInstallException(string message)
        : base(message)
    {
    }

    public ModelInstallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
