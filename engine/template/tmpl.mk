# engine/template: tmpl part
