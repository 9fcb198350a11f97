using System.Text.Json;
using Rag.Core.Access;

namespace Rag.Storage.Sqlite;

/// <summary>How group names are matched in SQL: by their <see cref="NameKey"/>, the rule AccessScope compares by.</summary>
internal static class AccessKeys
{
    /// <summary>The stored key of <paramref name="groupName"/> (throws for a name that breaks the rule).</summary>
    public static string GroupKey(string groupName) => NameKey.For(groupName, "group");

    /// <summary>The caller's group keys as a JSON array, bound to one parameter and expanded by json_each.</summary>
    public static string GroupKeysJson(AccessScope scope) =>
        JsonSerializer.Serialize(scope.Groups.Select(GroupKey).Distinct(StringComparer.Ordinal).ToArray());
}
