using Rag.Ingest.Sandbox;

// Test host for the parser sandbox: parse mode only, exactly what a real host's Main does first.
return await ParseChild.RunIfRequestedAsync(args) ?? 2;
