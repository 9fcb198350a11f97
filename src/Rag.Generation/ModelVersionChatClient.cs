using Microsoft.Extensions.AI;
using Rag.Core.Embeddings;

namespace Rag.Generation;

/// <summary>Adds what the audit trail records about the model (name and configured version) to a client that cannot tell it.</summary>
internal sealed class ModelVersionChatClient(IChatClient inner, ChatClientMetadata metadata, ModelVersion? version) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is null && serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        if (serviceKey is null && serviceType == typeof(ModelVersion))
        {
            return version ?? base.GetService(serviceType, serviceKey);
        }

        return base.GetService(serviceType, serviceKey);
    }
}
