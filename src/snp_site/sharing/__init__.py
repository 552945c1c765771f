"""How a page looks when someone shares or finds it: preview cards, Open Graph tags, page dates,
robots.txt and structured data for news. `stage.SharingStage` is what the plugin calls."""
