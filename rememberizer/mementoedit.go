package rememberizer

import (
	"context"
	"fmt"
	"strings"
)

// UpdateMemento renames memento id and returns it. It is a PATCH, so it
// is never retried.
func (c *Client) UpdateMemento(ctx context.Context, id ID, name string) (*Memento, error) {
	if id == "" {
		return nil, fmt.Errorf("%w: empty memento id", ErrInvalidArgument)
	}
	if strings.TrimSpace(name) == "" {
		return nil, fmt.Errorf("%w: a memento needs a name", ErrInvalidArgument)
	}
	body := struct {
		Name string `json:"name"`
	}{name}
	var m Memento
	if err := c.patch(ctx, c.endpoint("mementos/%s/", nil, string(id)), body, &m); err != nil {
		return nil, err
	}
	return &m, nil
}

// DeleteMemento deletes memento id (its documents stay in the user's
// knowledge). It is a DELETE, so it is never retried.
func (c *Client) DeleteMemento(ctx context.Context, id ID) error {
	if id == "" {
		return fmt.Errorf("%w: empty memento id", ErrInvalidArgument)
	}
	return c.del(ctx, c.endpoint("mementos/%s/", nil, string(id)))
}

// MementoDocumentsChange says which documents and folders to add to a
// memento and which documents to remove from it.
type MementoDocumentsChange struct {
	// Add are documents to add, by id.
	Add []ID
	// AddFolders are folders whose documents to add, by id.
	AddFolders []ID
	// Remove are documents to remove, by id.
	Remove []ID
}

// UpdateMementoDocuments changes which documents memento id holds (POST
// /mementos/memento_document/{id}/). It is a POST, so it is never
// retried. Read the memento's documents with [Client.Memento].
func (c *Client) UpdateMementoDocuments(ctx context.Context, id ID, change MementoDocumentsChange) error {
	if id == "" {
		return fmt.Errorf("%w: empty memento id", ErrInvalidArgument)
	}
	if len(change.Add)+len(change.AddFolders)+len(change.Remove) == 0 {
		return fmt.Errorf("%w: nothing to change", ErrInvalidArgument)
	}
	body := struct {
		Memento   ID   `json:"memento"`
		Add       []ID `json:"add"`
		FolderAdd []ID `json:"folder_add"`
		Remove    []ID `json:"remove"`
	}{id, nonNil(change.Add), nonNil(change.AddFolders), nonNil(change.Remove)}
	return c.post(ctx, c.endpoint("mementos/memento_document/%s/", nil, string(id)), body, nil)
}

// nonNil returns ids, or an empty slice for nil, so JSON gets [] and not
// null.
func nonNil(ids []ID) []ID {
	if ids == nil {
		return []ID{}
	}
	return ids
}
