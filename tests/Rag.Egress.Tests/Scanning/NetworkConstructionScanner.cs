using System.Collections.Frozen;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Rag.Egress.Tests.Scanning;

/// <summary>
/// Reads method-body IL with System.Reflection.Metadata (no loading, no execution) and reports every
/// <c>newobj</c> (or base-constructor <c>call</c>) of an HTTP client, handler or socket type, and every call to a
/// legacy request factory. Only Rag.Egress may do these things: everything else goes through IHttpClientFactory.
/// </summary>
internal static class NetworkConstructionScanner
{
    private static readonly FrozenSet<string> ForbiddenTypes = new[]
    {
        "System.Net.Http.HttpClient",
        "System.Net.Http.HttpClientHandler",
        "System.Net.Http.SocketsHttpHandler",
        "System.Net.WebClient",
        "System.Net.HttpWebRequest",
        "System.Net.Sockets.Socket",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> ForbiddenCalls = new[]
    {
        "System.Net.WebRequest::Create",
        "System.Net.WebRequest::CreateHttp",
        "System.Net.WebRequest::CreateDefault",
        "System.Net.Quic.QuicConnection::ConnectAsync",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Where an authentication library takes its back-channel (metadata, keys, token endpoint): a handler or client
    /// handed over here must come from the guard, so the same method must take it from IEgressHandlerFactory.Create or
    /// IHttpClientFactory.CreateClient. A handler made elsewhere and passed in is indistinguishable, and is reported.
    /// </summary>
    private static readonly FrozenSet<string> BackchannelSinks = new[]
    {
        "set_BackchannelHttpHandler",
        "set_Backchannel",
        "new Microsoft.IdentityModel.Protocols.HttpDocumentRetriever",
        "new Microsoft.IdentityModel.Protocols.ConfigurationManager`1",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> GuardedSources = new[]
    {
        "Rag.Egress.IEgressHandlerFactory::Create",
        "System.Net.Http.IHttpClientFactory::CreateClient",
        "System.Net.Http.HttpClientFactoryExtensions::CreateClient",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToFrozenDictionary(o => o.Value);

    public static IReadOnlyList<NetworkConstruction> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
        var found = new List<NetworkConstruction>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes() ?? [];
                foreach (var target in Targets(reader, il))
                {
                    found.Add(new NetworkConstruction(assembly, TypeName(reader, typeHandle), reader.GetString(method.Name), target));
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> Targets(MetadataReader reader, byte[] il)
    {
        var sinks = new List<string>();
        var guardedSource = false;
        foreach (var (target, member) in Instructions(reader, il))
        {
            if (target is not null)
            {
                yield return target;
            }

            guardedSource |= GuardedSources.Contains(member);
            if (BackchannelSinks.Contains(member) || BackchannelSinks.Contains(member[(member.IndexOf("::", StringComparison.Ordinal) + 2)..]))
            {
                sinks.Add(member);
            }
        }

        if (!guardedSource)
        {
            foreach (var sink in sinks)
            {
                yield return $"unguarded back-channel {sink}";
            }
        }
    }

    /// <summary>Each call or construction: the forbidden target it is (or null) and the member as <c>Type::Name</c> (constructors as <c>new Type</c>).</summary>
    private static IEnumerable<(string? Target, string Member)> Instructions(MetadataReader reader, byte[] il)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE && position < il.Length)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                yield break; // Not IL we understand: stop rather than misread.
            }

            var operandStart = position;
            position += OperandSize(opCode.OperandType, il, position);
            if (opCode != OpCodes.Newobj && opCode != OpCodes.Call && opCode != OpCodes.Callvirt)
            {
                continue;
            }

            var token = BitConverter.ToInt32(il, operandStart);
            if (Describe(reader, MetadataTokens.EntityHandle(token)) is not { } member)
            {
                continue;
            }

            var (declaringType, name) = member;
            var isConstructor = name == ".ctor" && (opCode == OpCodes.Newobj || opCode == OpCodes.Call);
            var described = isConstructor ? "new " + declaringType : declaringType + "::" + name;
            if (isConstructor && ForbiddenTypes.Contains(declaringType))
            {
                yield return ($"new {declaringType}", described);
            }
            else if (ForbiddenCalls.Contains(declaringType + "::" + name))
            {
                yield return ($"{declaringType}.{name}", described);
            }
            else
            {
                yield return (null, described);
            }
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int position) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    private static (string DeclaringType, string Name)? Describe(MetadataReader reader, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MemberReference:
                var reference = reader.GetMemberReference((MemberReferenceHandle)handle);
                return reference.Parent.Kind switch
                {
                    HandleKind.TypeReference => (TypeName(reader, (TypeReferenceHandle)reference.Parent), reader.GetString(reference.Name)),
                    HandleKind.TypeSpecification when GenericDefinition(reader, (TypeSpecificationHandle)reference.Parent) is { } generic =>
                        (TypeName(reader, generic), reader.GetString(reference.Name)),
                    _ => null,
                };
            case HandleKind.MethodSpecification:
                return Describe(reader, reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            default:
                return null;
        }
    }

    /// <summary>The generic type of an instantiation such as <c>ConfigurationManager&lt;OpenIdConnectConfiguration&gt;</c>.</summary>
    private static TypeReferenceHandle? GenericDefinition(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadSignatureTypeCode(); // class or value type
        var generic = blob.ReadTypeHandle();
        return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
    }

    private static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? TypeName(reader, (TypeReferenceHandle)type.ResolutionScope) + "+" + name
            : Qualified(reader.GetString(type.Namespace), name);
    }

    private static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? Qualified(reader.GetString(type.Namespace), name) : TypeName(reader, declaring) + "+" + name;
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;
}
